package io.athanor.orm.relationship;

import io.athanor.orm.OrmException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What expire discards and keeps, how refresh and expire reach related objects along REFRESH_EXPIRE, how
 * expunge cascades, and what a rollback restores in relationship fields.
 */
class ExpireRefreshRollbackTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Person.class, Email.class, Team.class, Player.class, Citizen.class,
                Passport.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            Person sandy = new Person("sandy");
            sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
            session.add(sandy);
            Team reds = new Team("reds");
            reds.getPlayers().add(new Player("ann"));
            session.addAll(java.util.List.of(reds, new Team("blues")));
            Citizen ed = new Citizen("ed");
            ed.setPassport(new Passport("P-1"));
            session.add(ed);
        });
        return sessions;
    }

    /** Changes a row behind the session's back, in a transaction of its own. */
    private static void elsewhere(SessionFactory sessions, String sql) {
        sessions.useTransaction(other -> other.execute(Sql.text(sql)));
    }

    private static Team team(Session session, String name) {
        return session.scalars(select(Team.class).where(col("name").eq(name))).one();
    }

    @AcrossDatabases
    void anObjectWithRelationshipsExpiredByACommitIsDetachedAndStillExpiredAfterClose(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        io.athanor.orm.session.InstanceState state;
        try (Session session = sessions.openSession()) {
            state = Session.inspect(team(session, "reds"));
            session.commit();
        }

        assertThat(state.isDetached()).isTrue();
        assertThat(state.session()).isNull();
        assertThat(state.isExpired()).isTrue();
    }

    @AcrossDatabases
    void expireDiscardsAChangeMadeBeforeIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Email email = session.get(Email.class, 1L);
            email.setEmailAddress("changed@example.com");

            session.expire(email);

            assertThat(session.get(Email.class, 1L).getEmailAddress()).isEqualTo("sandy@sqlalchemy.org");
            assertThat(session.dirty()).isEmpty();
        }
    }

    @AcrossDatabases
    void aChangeMadeAfterExpireSurvivesTheReloadAndIsFlushed(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Email email = session.get(Email.class, 1L);
            session.expire(email);
            email.setEmailAddress("after@example.com");

            assertThat(session.get(Email.class, 1L).getEmailAddress()).isEqualTo("after@example.com");
            try (SqlRecorder sql = new SqlRecorder()) {
                session.commit();
                assertThat(sql.statements()).containsExactly("UPDATE address SET email_address = ? WHERE id = ?");
            }
        }
    }

    @AcrossDatabases
    void aChangeMadeAfterCommitSurvivesTheReload(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Email email = session.get(Email.class, 1L);
            session.commit();
            email.setEmailAddress("after@example.com");

            assertThat(session.get(Email.class, 1L).getEmailAddress()).isEqualTo("after@example.com");
        }
    }

    @AcrossDatabases
    void expireDiscardsAManyToOneChangeMadeBeforeIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Team blues = team(session, "blues");
            Player ann = session.get(Player.class, 1L);
            ann.setTeam(blues);

            session.expire(ann);

            assertThat(session.get(Player.class, 1L).getTeam().getName()).isEqualTo("reds");
        }
    }

    @AcrossDatabases
    void aManyToOneChangedAfterCommitSurvivesAQueryThatReloadsTheObject(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Team blues = team(session, "blues");
            Player ann = session.get(Player.class, 1L);
            session.commit();
            ann.setTeam(blues);

            session.noAutoflush(() -> session.scalars(select(Player.class)).all());

            assertThat(ann.getTeam()).isSameAs(blues);
            session.commit();
            assertThat(ann.getTeamId()).isEqualTo(blues.getId());
        }
    }

    @AcrossDatabases
    void refreshOfAParentReloadsItsLoadedChildrenAlongRefreshExpire(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Person sandy = session.get(Person.class, 1L);
            Email email = sandy.getAddresses().get(0);
            session.commit(); // a new transaction sees the other one's change under REPEATABLE READ too
            elsewhere(sessions, "update address set email_address = 'new@example.com'");

            session.refresh(sandy);

            assertThat(email.getEmailAddress()).isEqualTo("new@example.com");
            assertThat(sandy.getAddresses()).containsExactly(email);
        }
    }

    @AcrossDatabases
    void expireOfAParentExpiresItsLoadedChildrenAlongRefreshExpire(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Person sandy = session.get(Person.class, 1L);
            Email email = sandy.getAddresses().get(0);
            email.setEmailAddress("unsaved@example.com");

            session.expire(sandy);

            assertThat(io.athanor.orm.Athanor.inspect(email).isExpired()).isTrue();
            assertThat(session.get(Email.class, email.getId()).getEmailAddress()).isEqualTo("sandy@sqlalchemy.org");
        }
    }

    @AcrossDatabases
    void expungeOfAParentExpungesItsLoadedChildrenAlongExpunge(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Person sandy = session.get(Person.class, 1L);
            Email email = sandy.getAddresses().get(0);

            session.expunge(sandy);

            assertThat(session.contains(sandy)).isFalse();
            assertThat(session.contains(email)).isFalse();
        }
    }

    @AcrossDatabases
    void expungeDoesNotReachObjectsAlongARelationshipWithoutTheCascade(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Player ann = session.get(Player.class, 1L);
            Team reds = ann.getTeam();

            session.expunge(ann);

            assertThat(session.contains(ann)).isFalse();
            assertThat(session.contains(reds)).isTrue();
        }
    }

    @AcrossDatabases
    void rollbackAfterARefusedFlushRestoresAReplacedManyToOne(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Player ann = session.get(Player.class, 1L);
            Team reds = ann.getTeam();
            ann.setTeam(team(session, "blues"));
            ann.setName("a name far longer than its thirty characters");

            assertThatThrownBy(session::flush).isInstanceOf(OrmException.class).hasMessageStartingWith("[ATH-E105]");
            session.rollback();

            assertThat(session.get(Player.class, 1L).getTeam()).isSameAs(reds);
            assertThat(ann.getTeamId()).isEqualTo(reds.getId());
            assertThat(ann.getName()).isEqualTo("ann");
        }
    }

    @AcrossDatabases
    void rollbackAfterARefusedFlushRestoresAReplacedOneToOne(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Citizen ed = session.get(Citizen.class, 1L);
            Passport original = ed.getPassport();
            ed.setPassport(new Passport("P-2"));

            // The old passport would lose its citizen, but its citizen_id is NOT NULL: refused.
            assertThatThrownBy(session::flush).isInstanceOf(OrmException.class).hasMessageStartingWith("[ATH-E093]");
            session.rollback();

            assertThat(session.get(Citizen.class, 1L).getPassport()).isSameAs(original);
            assertThat(original.getCitizenId()).isEqualTo(ed.getId());
            assertThat(session.scalars(select(Passport.class)).all()).containsExactly(original);
        }
    }
}
