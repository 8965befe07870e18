package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/**
 * One row of the million that {@link LargeResultStreamingTest} streams. The rows are written by one
 * INSERT ... SELECT on the server, so the key is assigned, not generated.
 */
@Table("stream_rows")
public class StreamRow {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;
    @Column private int amount;
    @Column(length = 40, nullable = false) private String label;

    protected StreamRow() {
    }

    public Long getId() {
        return id;
    }

    public int getAmount() {
        return amount;
    }

    public void setAmount(int amount) {
        this.amount = amount;
    }

    public String getLabel() {
        return label;
    }
}
