package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** An owner with pets (Spring PetClinic's Owner): a one-to-many cascading everything. */
@Table("owners")
public class Owner {
    @Column(primaryKey = true) private Integer id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(backPopulates = "owner", cascade = Cascade.ALL, orderBy = "name") private List<Pet> pets = new ArrayList<>();

    protected Owner() {
    }

    public Owner(String name) {
        this.name = name;
    }

    public Integer getId() {
        return id;
    }

    public List<Pet> getPets() {
        return pets;
    }
}
