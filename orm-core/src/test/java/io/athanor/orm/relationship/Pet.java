package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** A pet of an owner, of a type (Spring PetClinic's Pet): two many-to-ones, one NOT NULL. */
@Table("pets")
public class Pet {
    @Column(primaryKey = true) private Integer id;
    @Column(length = 30, nullable = false) private String name;
    @Column(name = "type_id", nullable = false) @ForeignKey("types.id") private Integer typeId;
    @Column(name = "owner_id") @ForeignKey("owners.id") private Integer ownerId;
    @Relationship(foreignKey = "typeId") private PetType type;
    @Relationship(backPopulates = "pets", foreignKey = "ownerId") private Owner owner;

    protected Pet() {
    }

    public Pet(String name, PetType type) {
        this.name = name;
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public Integer getTypeId() {
        return typeId;
    }

    public Integer getOwnerId() {
        return ownerId;
    }
}
