package io.athanor.orm.spring.model;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** The seed tutorial's Customer, for the starter's tests. */
@Table("customers")
public class Customer {
    @Column(primaryKey = true) private Long id;
    @Column(length = 50, nullable = false, unique = true) private String name;
    @Column(length = 2) private String countryCode;

    protected Customer() {
    }

    public Customer(String name, String countryCode) {
        this.name = name;
        this.countryCode = countryCode;
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
