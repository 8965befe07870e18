package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.mapping.RelationshipProperty;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** One-to-one: a single object on each side of a unique foreign key. */
class OneToOneTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Citizen.class, Passport.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @AcrossDatabases
    void theSideWithoutTheForeignKeyIsAOneToOne(TestDatabase db) {
        RelationshipProperty passport = sessions(db).registry().mapper(Citizen.class).relationship("passport");

        assertThat(passport.kind()).isEqualTo(RelationshipProperty.Kind.ONE_TO_ONE);
        assertThat(passport.backPopulates().kind()).isEqualTo(RelationshipProperty.Kind.MANY_TO_ONE);
    }

    @AcrossDatabases
    void bothSidesAreSavedLoadedAndDeletedTogether(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Long id = sessions.inTransaction(session -> {
            Citizen ada = new Citizen("ada");
            ada.setPassport(new Passport("GB123"));
            session.add(ada);
            session.flush();
            assertThat(ada.getPassport().getCitizenId()).isEqualTo(ada.getId());
            assertThat(ada.getPassport().getCitizen()).isSameAs(ada);
            return ada.getId();
        });
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Citizen ada = session.scalars(select(Citizen.class)).one();

            assertThat(ada.getPassport().getNumber()).isEqualTo("GB123");
            assertThat(ada.getPassport().getCitizen()).isSameAs(ada);
            assertThat(sql.statements()).hasSize(2);
            session.delete(ada);
            session.commit();
            assertThat(session.execute(Sql.text("select count(*) from passports")).scalar(Long.class)).isZero();
            assertThat(session.get(Citizen.class, id)).isNull();
        }
    }
}
