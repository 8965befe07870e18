package io.athanor.benchmarks.peers.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Hibernate's mapping of {@code bench_child}, owning the foreign key to its parent. */
@Entity
@Table(name = "bench_child")
public class HChild {
    @Id
    private Long id;
    // LAZY, as Hibernate's guide recommends for every to-one association.
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "parent_id")
    private HParent parent;
    @Column(length = 40, nullable = false)
    private String name;
    @Column(nullable = false)
    private int quantity;

    protected HChild() {
    }

    public Long getId() {
        return id;
    }

    public HParent getParent() {
        return parent;
    }

    public String getName() {
        return name;
    }

    public int getQuantity() {
        return quantity;
    }
}
