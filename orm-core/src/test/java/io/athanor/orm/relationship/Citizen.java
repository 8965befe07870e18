package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** One side of a one-to-one: the side the foreign key points to. */
@Table("citizens")
public class Citizen {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(backPopulates = "citizen", cascade = Cascade.ALL) private Passport passport;

    protected Citizen() {
    }

    public Citizen(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public Passport getPassport() {
        return passport;
    }

    public void setPassport(Passport passport) {
        this.passport = passport;
    }
}
