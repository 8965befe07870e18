package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Table;

/** A {@code bench_child} row inside the {@link SdjParent} aggregate; {@code parent_id} is the aggregate's link. */
@Table("bench_child")
public class SdjChild {
    @Id
    private final Long id;
    private final String name;
    private final int quantity;
    /** Set by the parent's constructor: Spring Data JDBC maps no reference back to the aggregate root. */
    @Transient
    SdjParent parent;

    SdjChild(Long id, String name, int quantity) {
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

    public SdjParent getParent() {
        return parent;
    }
}
