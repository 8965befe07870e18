package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** A one-to-one whose replaced object is deleted (delete-orphan). */
@Table("drivers")
public class Driver {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String name;
    @Relationship(backPopulates = "driver", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}) private License license;

    protected Driver() {
    }

    public Driver(String name) {
        this.name = name;
    }

    public License getLicense() {
        return license;
    }

    public void setLicense(License license) {
        this.license = license;
    }
}
