package io.athanor.sample.shop.model;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** A customer of the shop (the seed tutorial's Customer). */
@Table("customers")
public class Customer {
    @Column(primaryKey = true) private Long id;
    @Column(length = 50, nullable = false, unique = true) private String name;
    @Column(length = 2, nullable = false, index = true) private String country;
    @Relationship(backPopulates = "customer", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "placedAt",
            passiveDeletes = true)
    private List<ShopOrder> orders = new ArrayList<>();

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

    public List<ShopOrder> getOrders() {
        return orders;
    }
}
