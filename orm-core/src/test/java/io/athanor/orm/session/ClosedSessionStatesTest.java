package io.athanor.orm.session;

import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the objects of a closed session report. Closing does not visit the objects of classes without
 * relationships one by one; their states read as detached from the moment their session is closed.
 */
class ClosedSessionStatesTest {

    @AcrossDatabases
    void aStateInspectedWhileItsSessionWasOpenReadsAsDetachedOnceItIsClosed(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        InstanceState state;
        try (Session session = sessions.openSession()) {
            state = Session.inspect(session.get(Customer.class, id));
            assertThat(state.isPersistent()).isTrue();
        }

        assertThat(state.isDetached()).isTrue();
        assertThat(state.isPersistent()).isFalse();
        assertThat(state.session()).isNull();
        assertThat(state.identity()).isEqualTo(id);
    }

    @AcrossDatabases
    void anObjectReadInAClosedSessionIsExpiredOnlyWhenACommitExpiredIt(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        InstanceState state;
        try (Session session = sessions.openSession()) {
            state = Session.inspect(session.get(Customer.class, id));
        }

        assertThat(state.isExpired()).isFalse();
        assertThat(state.toString()).isEqualTo("InstanceState[Customer detached key=" + id + "]");
    }

    @AcrossDatabases
    void anObjectOfAClosedSessionJoinsAnotherAndOnlyItsChangedColumnIsUpdated(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        Customer ed;
        try (Session session = sessions.openSession()) {
            ed = session.get(Customer.class, id);
        }
        ed.setName("Edward");

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(ed);
            assertThat(Session.inspect(ed).session()).isSameAs(session);
            session.commit();

            assertThat(sql.statements()).containsExactly("UPDATE customers SET name = ? WHERE id = ?");
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Customer.class, id).getName()).isEqualTo("Edward");
        }
    }

    @AcrossDatabases
    void aCommitExpiresTheObjectsItsSessionHeldButNotOneAddedAfterIt(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            Customer ann = new Customer("Ann", "FR");
            session.add(ann);

            assertThat(Session.inspect(ed).isExpired()).isTrue();
            assertThat(Session.inspect(ann).isExpired()).isFalse();
            assertThat(Session.inspect(ann).isPending()).isTrue();
        }
    }

    @AcrossDatabases
    void anObjectStillPendingWhenAManagedTransactionCommitsWithoutAFlushLeavesTransientNotExpired(TestDatabase db)
            throws java.sql.SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (java.sql.Connection jdbc = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password())) {
            jdbc.setAutoCommit(false);
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            InstanceState state = Session.inspect(ed);
            // A read-only transaction of the manager's: committed without the flush of beforeExternalCommit().
            jdbc.commit();
            session.afterExternalCompletion(true);

            assertThat(state.isTransient()).isTrue();
            assertThat(state.isExpired()).isFalse();
        }
    }

    @AcrossDatabases
    void objectsInsertedByAFlushStopBeingNewOneByOneAsEachInsertIsReported(TestDatabase db) {
        java.util.List<Integer> newWhenReported = new java.util.ArrayList<>();
        SessionFactory sessions = SessionTestSupport.sessions(db, Customer.class, new MapperListener<>() {
            @Override
            public void afterInsert(Session session, Customer object) {
                newWhenReported.add(session.newObjects().size());
            }
        });
        try (Session session = sessions.openSession()) {
            session.addAll(java.util.List.of(new Customer("Ed", "UK"), new Customer("Ann", "FR"), new Customer("Bo", "SE")));
            session.flush();

            assertThat(newWhenReported).containsExactly(2, 1, 0);
            assertThat(session.newObjects()).isEmpty();
        }
    }
}
