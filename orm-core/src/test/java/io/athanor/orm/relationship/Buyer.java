package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** A customer with two collections, addresses and orders, for joined loading of several relationships. */
@Table("buyers")
public class Buyer {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(backPopulates = "buyer", cascade = Cascade.ALL, orderBy = "city")
    private List<BuyerAddress> addresses = new ArrayList<>();
    @Relationship(backPopulates = "buyer", cascade = Cascade.ALL, orderBy = "-number")
    private List<BuyerOrder> orders = new ArrayList<>();

    protected Buyer() {
    }

    public Buyer(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<BuyerAddress> getAddresses() {
        return addresses;
    }

    public List<BuyerOrder> getOrders() {
        return orders;
    }

    @Override
    public String toString() {
        return "Buyer(" + name + ")";
    }
}
