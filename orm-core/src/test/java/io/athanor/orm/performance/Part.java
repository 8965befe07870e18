package io.athanor.orm.performance;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A row with an assigned key. */
@Table("part")
public class Part {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;
    @Column(length = 30, nullable = false) private String name;

    protected Part() {
    }

    public Part(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
