package io.athanor.benchmarks.peers.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * Hibernate's mapping of {@code bench_auto_item}. Its guide recommends a pooled sequence over identity
 * columns, which would turn off JDBC insert batching: the key comes from {@code bench_auto_item_seq},
 * one {@code nextval} per 1,000 rows (the sequence's increment, and the JDBC batch size of every peer, so
 * that Hibernate is not asked for 20 times as many round trips to the sequence as it needs), and the
 * INSERTs carry it.
 */
@Entity
@Table(name = "bench_auto_item")
public class HAutoItem {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_auto_item_seq")
    @SequenceGenerator(name = "bench_auto_item_seq", sequenceName = "bench_auto_item_seq", allocationSize = 1_000)
    private Long id;
    @Column(length = 40, nullable = false)
    private String name;
    @Column(nullable = false)
    private int quantity;

    protected HAutoItem() {
    }

    public HAutoItem(String name, int quantity) {
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
}
