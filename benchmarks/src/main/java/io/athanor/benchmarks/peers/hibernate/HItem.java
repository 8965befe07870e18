package io.athanor.benchmarks.peers.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Hibernate's mapping of {@code bench_item}, with an assigned key. */
@Entity
@Table(name = "bench_item")
public class HItem {
    @Id
    private Long id;
    @Column(length = 40, nullable = false)
    private String name;
    @Column(nullable = false)
    private int quantity;

    protected HItem() {
    }

    public HItem(long id, String name, int quantity) {
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
