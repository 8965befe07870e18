package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import java.util.Set;

/**
 * Spring Data JDBC's aggregate root for {@code bench_parent}; its children belong to the aggregate and are
 * loaded with it. A {@code Set}, because a {@code List} would need an index column the table does not have.
 */
@Table("bench_parent")
public class SdjParent {
    @Id
    private final Long id;
    private final String name;
    @MappedCollection(idColumn = "parent_id")
    private final Set<SdjChild> children;

    @PersistenceCreator
    SdjParent(Long id, String name, Set<SdjChild> children) {
        this.id = id;
        this.name = name;
        this.children = children;
        // Entities inside an aggregate hold no reference to their root; link them here, once, as they load.
        for (SdjChild child : children) {
            child.parent = this;
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Set<SdjChild> getChildren() {
        return children;
    }
}
