package io.athanor.benchmarks;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** W1b's row: the database generates the key, which every peer must write back to the object. */
@Table("bench_auto_item")
public class AutoItem {
    @Column(primaryKey = true) private Long id;
    @Column(length = 40, nullable = false) private String name;
    @Column(nullable = false) private int quantity;

    protected AutoItem() {
    }

    public AutoItem(String name, int quantity) {
        this.name = name;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    /** For hand-written peers, which write the generated key back themselves. */
    public void setId(Long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public int getQuantity() {
        return quantity;
    }
}
