package io.athanor.orm.performance;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A row whose key the database generates. */
@Table("tag")
public class Tag {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String label;

    protected Tag() {
    }

    public Tag(String label) {
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }
}
