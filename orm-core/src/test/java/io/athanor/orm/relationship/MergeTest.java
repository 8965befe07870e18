package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** merge() of detached graphs as a Spring MVC application does (Spring PetClinic's "add a pet"). */
class MergeTest {

    private static SessionFactory clinic(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Owner.class, Pet.class, PetType.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            session.add(new PetType("cat"));
            session.add(new Owner("george"));
        });
        return sessions;
    }

    @AcrossDatabases
    void mergingADetachedOwnerWithANewPetInsertsThePetWithItsTypeAndOwner(TestDatabase db) {
        SessionFactory sessions = clinic(db);
        Owner george;
        PetType cat;
        try (Session session = sessions.openSession()) {
            george = session.scalars(select(Owner.class).options(Load.selectin("pets"))).one();
            cat = session.get(PetType.class, 1);
        }
        george.getPets().add(new Pet("leo", cat));

        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.merge(george));
            assertThat(sql.statements()).filteredOn(statement -> !statement.startsWith("SELECT"))
                    .containsExactly("INSERT INTO pets (name, type_id, owner_id) VALUES (?, ?, ?)");
        }
        try (Session session = sessions.openSession()) {
            Pet leo = session.scalars(select(Pet.class)).one();
            assertThat(leo.getName()).isEqualTo("leo");
            assertThat(leo.getTypeId()).isEqualTo(cat.getId());
            assertThat(leo.getOwnerId()).isEqualTo(george.getId());
            assertThat(session.execute(Sql.text("select count(*) from types")).scalar(Long.class)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void addingADetachedPetBackWritesNothingToItsUnchangedType(TestDatabase db) {
        SessionFactory sessions = clinic(db);
        sessions.useTransaction(session -> {
            Owner george = session.get(Owner.class, 1);
            george.getPets().add(new Pet("leo", session.get(PetType.class, 1)));
        });
        Owner george;
        try (Session session = sessions.openSession()) {
            george = session.scalars(select(Owner.class).options(Load.selectin("pets"))).one();
        }

        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.add(george));
            assertThat(sql.statements()).isEmpty();
        }
    }
}
