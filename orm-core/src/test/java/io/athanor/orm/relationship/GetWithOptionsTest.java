package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** session.get() honours lazy = JOINED and takes loader options, as SQLAlchemy's get(..., options=[..]). */
class GetWithOptionsTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Person.class, Email.class, Album.class, Track.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            Person sandy = new Person("sandy");
            sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
            sandy.getAddresses().add(new Email("sandy@squirrelpower.org"));
            Album album = new Album("blue");
            album.getTracks().add(new Track(2));
            album.getTracks().add(new Track(1));
            session.addAll(List.of(sandy, album));
        });
        return sessions;
    }

    @AcrossDatabases
    void getWithASelectinOptionLoadsTheCollectionWithTheObject(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.get(Person.class, 1L, Load.selectin("addresses"));

            assertThat(sql.statements()).hasSize(2);
            assertThat(sql.statements().get(1)).contains("FROM address").contains(" IN (");
            sql.clear();
            assertThat(sandy.getAddresses()).extracting(Email::getEmailAddress)
                    .containsExactly("sandy@sqlalchemy.org", "sandy@squirrelpower.org");
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void getWithAJoinedOptionLoadsTheCollectionInTheSameSelect(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.get(Person.class, 1L, Load.joined("addresses"));

            assertThat(sandy.getAddresses()).hasSize(2);
            assertThat(sql.statements()).hasSize(1);
            assertThat(sql.statements().get(0)).contains("LEFT OUTER JOIN address");
        }
    }

    @AcrossDatabases
    void getOfAClassWithALazyJoinedRelationshipLoadsItInTheSameSelect(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Album album = session.get(Album.class, 1L);

            assertThat(album.getTracks()).extracting(Track::getNumber).containsExactly(1, 2);
            assertThat(sql.statements()).hasSize(1);
            assertThat(sql.statements().get(0)).contains("LEFT OUTER JOIN tracks");
        }
    }

    @AcrossDatabases
    void getWithOptionsOfAnObjectInTheIdentityMapSendsNoSql(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Person sandy = session.get(Person.class, 1L);
            try (SqlRecorder sql = new SqlRecorder()) {
                assertThat(session.get(Person.class, 1L, Load.selectin("addresses"))).isSameAs(sandy);
                assertThat(sql.statements()).isEmpty();
            }
        }
    }

    @AcrossDatabases
    void getWithOptionsOfAMissingKeyIsNull(TestDatabase db) {
        try (Session session = sessions(db).openSession()) {
            assertThat(session.get(Person.class, 99L, Load.selectin("addresses"))).isNull();
        }
    }

    @AcrossDatabases
    void getWithOptionsOfAnExpiredObjectReloadsItAndLoadsAsTheOptionsSay(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Person sandy = session.get(Person.class, 1L);
            session.commit();
            try (SqlRecorder sql = new SqlRecorder()) {
                assertThat(session.get(Person.class, 1L, Load.selectin("addresses"))).isSameAs(sandy);
                assertThat(sql.statements()).hasSize(2);
                sql.clear();
                assertThat(sandy.getAddresses()).hasSize(2);
                assertThat(sql.statements()).isEmpty();
            }
        }
    }
}
