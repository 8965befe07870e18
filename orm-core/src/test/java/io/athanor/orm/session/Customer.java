package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** The seed tutorial's Customer. */
@Table("customers")
public class Customer {
    @Column(primaryKey = true) private Long id;
    @Column(length = 50, nullable = false) private String name;
    @Column private String country;

    protected Customer() {
    }

    public Customer(String name, String country) {
        this.name = name;
        this.country = country;
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

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }
}
