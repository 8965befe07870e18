package io.athanor.benchmarks.peers.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** Hibernate's mapping of {@code bench_parent}: the children are the inverse side, loaded lazily. */
@Entity
@Table(name = "bench_parent")
public class HParent {
    @Id
    private Long id;
    @Column(length = 40, nullable = false)
    private String name;
    // Ordered by id, as Athanor's relationship and the JDBC peers order them.
    @OneToMany(mappedBy = "parent")
    @OrderBy("id")
    private List<HChild> children = new ArrayList<>();

    protected HParent() {
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<HChild> getChildren() {
        return children;
    }
}
