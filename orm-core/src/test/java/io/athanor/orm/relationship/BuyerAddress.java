package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** An address of a {@link Buyer}. */
@Table("buyer_addresses")
public class BuyerAddress {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String city;
    @Column(name = "buyer_id", nullable = false) @ForeignKey("buyers.id") private Long buyerId;
    @Relationship(backPopulates = "addresses") private Buyer buyer;

    protected BuyerAddress() {
    }

    public BuyerAddress(String city) {
        this.city = city;
    }

    public String getCity() {
        return city;
    }

    public Buyer getBuyer() {
        return buyer;
    }

    @Override
    public String toString() {
        return "BuyerAddress(" + city + ")";
    }
}
