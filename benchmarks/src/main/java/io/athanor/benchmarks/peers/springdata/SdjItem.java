package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Spring Data JDBC's aggregate for {@code bench_item}. Its key is assigned, so it says whether it is new
 * through {@link Persistable}, as the reference guide advises; else a non-null id would mean UPDATE.
 */
@Table("bench_item")
public class SdjItem implements Persistable<Long> {
    @Id
    private final Long id;
    private final String name;
    private int quantity;
    @Transient
    private final boolean isNew;

    /** The constructor Spring Data uses to load a row: a loaded item is not new. */
    @PersistenceCreator
    SdjItem(Long id, String name, int quantity) {
        this(id, name, quantity, false);
    }

    private SdjItem(Long id, String name, int quantity, boolean isNew) {
        this.id = id;
        this.name = name;
        this.quantity = quantity;
        this.isNew = isNew;
    }

    /** An item to insert. */
    public static SdjItem create(long id, String name, int quantity) {
        return new SdjItem(id, name, quantity, true);
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
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
