package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** The Quick Start's User with its addresses. */
@Table("user_account")
public class Person {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(backPopulates = "person", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "id")
    private List<Email> addresses = new ArrayList<>();

    protected Person() {
    }

    public Person(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Email> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<Email> addresses) {
        this.addresses = addresses;
    }
}
