package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** A composite primary key referenced by its parcels. */
@Table("shipments")
public class Shipment {
    @Column(primaryKey = true, length = 3) private String carrier;
    @Column(primaryKey = true) private int number;
    @Relationship(backPopulates = "shipment") private List<Parcel> parcels = new ArrayList<>();

    protected Shipment() {
    }

    public Shipment(String carrier, int number) {
        this.carrier = carrier;
        this.number = number;
    }

    public List<Parcel> getParcels() {
        return parcels;
    }
}
