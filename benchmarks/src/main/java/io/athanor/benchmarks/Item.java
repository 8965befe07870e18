package io.athanor.benchmarks;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** The row every peer writes and reads: an assigned key and two plain columns. */
@Table("bench_item")
public class Item {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;
    @Column(length = 40, nullable = false) private String name;
    @Column(nullable = false) private int quantity;

    protected Item() {
    }

    public Item(long id, String name, int quantity) {
        this.id = id;
        this.name = name;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }
}
