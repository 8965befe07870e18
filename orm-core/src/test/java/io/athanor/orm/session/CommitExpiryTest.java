package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit expires every object of its session at once (a generation number moves on), not one by one:
 * what each object then reports, and when it is reloaded.
 */
class CommitExpiryTest {

    @AcrossDatabases
    void anObjectLoadedBeforeACommitIsExpiredAfterItAndOneLoadedAfterItIsNot(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long edId = SessionTestSupport.saved(sessions, "Ed");
        Long annId = SessionTestSupport.saved(sessions, "Ann");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, edId);
            session.commit();
            Customer ann = session.get(Customer.class, annId);

            assertThat(Session.inspect(ed).isExpired()).isTrue();
            assertThat(Session.inspect(ann).isExpired()).isFalse();
        }
    }

    @AcrossDatabases
    void anObjectAddedAndCommittedIsExpiredAndReloadedOnceByTheNextGet(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.commit();
            assertThat(Session.inspect(ed).isExpired()).isTrue();
            sql.clear();

            assertThat(session.get(Customer.class, ed.getId())).isSameAs(ed);
            assertThat(session.get(Customer.class, ed.getId())).isSameAs(ed);

            assertThat(Session.inspect(ed).isExpired()).isFalse();
            assertThat(sql.statements()).containsExactly("SELECT id, name, country FROM customers WHERE id = ?");
        }
    }

    @AcrossDatabases
    void aSecondCommitExpiresWhatWasReloadedAfterTheFirst(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            session.get(Customer.class, id);
            assertThat(Session.inspect(ed).isExpired()).isFalse();

            session.commit();

            assertThat(Session.inspect(ed).isExpired()).isTrue();
        }
    }

    @AcrossDatabases
    void aStateThatLeavesItsSessionKeepsTheExpiryOfTheCommit(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        InstanceState state;
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            state = Session.inspect(ed);
            session.commit();
        }

        assertThat(state.isDetached()).isTrue();
        assertThat(state.isExpired()).isTrue();
    }

    @AcrossDatabases
    void withoutExpireOnCommitNothingIsExpiredOrReloaded(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.builder(engine, registry).expireOnCommit(false).build();
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            sql.clear();

            assertThat(Session.inspect(ed).isExpired()).isFalse();
            assertThat(session.get(Customer.class, id)).isSameAs(ed);
            assertThat(sql.statements()).isEmpty();
        }
    }
}
