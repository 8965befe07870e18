package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** Refers to a shipment through a two-column foreign key. */
@Table("parcels")
public class Parcel {
    @Column(primaryKey = true) private Long id;
    @Column(length = 3) @ForeignKey(value = "shipments.carrier", name = "fk_parcels_shipment") private String carrier;
    @Column @ForeignKey(value = "shipments.number", name = "fk_parcels_shipment") private Integer shipmentNumber;
    @Column private int weight;
    @Relationship(backPopulates = "parcels") private Shipment shipment;

    protected Parcel() {
    }

    public Parcel(int weight) {
        this.weight = weight;
    }

    public String getCarrier() {
        return carrier;
    }

    public Integer getShipmentNumber() {
        return shipmentNumber;
    }

    public Shipment getShipment() {
        return shipment;
    }
}
