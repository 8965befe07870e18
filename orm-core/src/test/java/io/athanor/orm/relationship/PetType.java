package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A lookup row many pets refer to (Spring PetClinic's PetType). */
@Table("types")
public class PetType {
    @Column(primaryKey = true) private Integer id;
    @Column(length = 80, nullable = false) private String name;

    protected PetType() {
    }

    public PetType(String name) {
        this.name = name;
    }

    public Integer getId() {
        return id;
    }
}
