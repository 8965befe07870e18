package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

/** The foreign-key side of {@link Desk#getLamp()}; the key is nullable. */
@Table("lamps")
public class Lamp {
    @Column(primaryKey = true) private Long id;
    @Column(length = 12, nullable = false) private String label;
    @Column(name = "desk_id", unique = true) @ForeignKey("desks.id") private Long deskId;

    protected Lamp() {
    }

    public Lamp(String label) {
        this.label = label;
    }

    public String getLabel() {
        return label;
    }

    public Long getDeskId() {
        return deskId;
    }
}
