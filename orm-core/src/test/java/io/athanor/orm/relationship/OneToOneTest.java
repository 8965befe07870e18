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
        Registry registry = Registry.of(Citizen.class, Passport.class, Driver.class, License.class, Desk.class, Lamp.class);
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

    private static java.util.List<String> rows(Session session, String sql) {
        return session.execute(Sql.text(sql)).all().stream().map(row -> row.get(0) + ":" + row.get(1)).toList();
    }

    @AcrossDatabases
    void replacingAOneToOneWithDeleteOrphanDeletesTheOldObject(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Driver ann = new Driver("ann");
            ann.setLicense(new License("OLD-1"));
            session.add(ann);
        });
        try (Session session = sessions.openSession()) {
            Driver ann = session.scalars(select(Driver.class)).one();
            ann.setLicense(new License("NEW-2"));
            session.commit();

            assertThat(rows(session, "select number, driver_id from licenses")).containsExactly("NEW-2:1");
        }
    }

    private static void deskWithGreenLamp(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Desk desk = new Desk();
            desk.setLamp(new Lamp("green"));
            session.add(desk);
        });
    }

    @AcrossDatabases
    void clearingAOneToOneSetsTheOldObjectsForeignKeyToNull(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        deskWithGreenLamp(sessions);
        try (Session session = sessions.openSession()) {
            Desk desk = session.scalars(select(Desk.class)).one();
            Lamp green = desk.getLamp();
            desk.setLamp(null);
            session.commit();

            assertThat(green.getDeskId()).isNull();
            assertThat(rows(session, "select label, desk_id from lamps")).containsExactly("green:null");
        }
    }

    @AcrossDatabases
    void replacingAOneToOneMovesTheForeignKeyToTheNewObject(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        deskWithGreenLamp(sessions);
        try (Session session = sessions.openSession()) {
            Desk desk = session.scalars(select(Desk.class)).one();
            desk.setLamp(new Lamp("blue"));
            session.commit();

            assertThat(rows(session, "select label, desk_id from lamps order by label")).containsExactly("blue:1",
                    "green:null");
        }
    }

    @AcrossDatabases
    void replacingAOneToOneWhoseForeignKeyIsNotNullIsRefused(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Citizen ada = new Citizen("ada");
            ada.setPassport(new Passport("GB123"));
            session.add(ada);
        });
        try (Session session = sessions.openSession()) {
            Citizen ada = session.scalars(select(Citizen.class)).one();
            ada.setPassport(new Passport("GB456"));

            org.assertj.core.api.Assertions.assertThatThrownBy(session::commit)
                    .isInstanceOf(io.athanor.orm.InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E093] Removing Passport")
                    .hasMessageContaining("would set Passport.citizenId to NULL, but the column is NOT NULL");
            session.rollback();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(select(Sql.col(Passport.class, "number"))).scalars().all())
                    .containsExactly("GB123");
        }
    }
}
