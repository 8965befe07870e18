package io.athanor.orm.relationship;

import io.athanor.orm.MappingException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A relationship along a two-column foreign key, and a mismatched backPopulates. */
class CompositeKeyRelationshipTest {

    @AcrossDatabases
    void aCompositeForeignKeyIsFilledAndLoaded(TestDatabase db) {
        Engine engine = db.engine();
        Registry registry = Registry.of(Shipment.class, Parcel.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            Shipment shipment = new Shipment("DHL", 42);
            shipment.getParcels().add(new Parcel(3));
            shipment.getParcels().add(new Parcel(5));
            session.add(shipment);
        });
        try (Session session = sessions.openSession()) {
            List<Shipment> shipments = session.scalars(select(Shipment.class).options(Load.selectin("parcels"))).all();
            Parcel parcel = shipments.get(0).getParcels().get(0);

            assertThat(shipments.get(0).getParcels()).hasSize(2);
            assertThat(List.of(parcel.getCarrier(), parcel.getShipmentNumber())).containsExactly("DHL", 42);
            assertThat(parcel.getShipment()).isSameAs(shipments.get(0));
            assertThat(session.get(Shipment.class, Map.of("carrier", "DHL", "number", 42))).isSameAs(shipments.get(0));
        }
    }

    @Table("owners2")
    static class Owner {
        @Column(primaryKey = true) private Long id;
        @Relationship(backPopulates = "pets") private List<Pet> pets;
    }

    @Table("pets2")
    static class Pet {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("owners2.id") private Long ownerId;
        @Column @ForeignKey("owners2.id") private Long vetId;
        @Relationship(backPopulates = "pets", foreignKey = "vetId") private Owner vet;
        @Relationship(foreignKey = "ownerId") private Owner owner;
    }

    @Test
    void backPopulatesOverDifferentForeignKeysIsAMismatch() {
        assertThatThrownBy(() -> Registry.of(Owner.class, Pet.class))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("[ATH-E091] Owner.pets");
    }
}
