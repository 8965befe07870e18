package io.athanor.orm.session;

import io.athanor.orm.Athanor;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLAlchemy's five object states and their transitions. */
class ObjectStatesTest {

    @AcrossDatabases
    void aNewObjectGoesFromTransientToPendingToPersistentToDetached(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Customer ed = new Customer("Ed", "UK");
        assertThat(Athanor.inspect(ed).isTransient()).isTrue();

        Session session = sessions.openSession();
        session.add(ed);
        assertThat(Athanor.inspect(ed).isPending()).isTrue();
        assertThat(Athanor.inspect(ed).identity()).isNull();

        session.flush();
        assertThat(Athanor.inspect(ed).isPersistent()).isTrue();
        assertThat(Athanor.inspect(ed).identity()).isEqualTo(ed.getId());
        assertThat(Athanor.inspect(ed).session()).isSameAs(session);

        session.commit();
        session.close();
        assertThat(Athanor.inspect(ed).isDetached()).isTrue();
        assertThat(Athanor.inspect(ed).session()).isNull();
        assertThat(Athanor.inspect(ed).identity()).isEqualTo(ed.getId());
    }

    @AcrossDatabases
    void aDeletedObjectBecomesDetachedAtCommit(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            return ed.getId() == null ? flushAndGetId(session, ed) : ed.getId();
        });
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.delete(ed);
            assertThat(Athanor.inspect(ed).isPersistent()).as("marked, not flushed").isTrue();
            assertThat(session.deleted()).containsExactly(ed);

            session.flush();
            assertThat(Athanor.inspect(ed).isDeleted()).isTrue();
            assertThat(session.contains(ed)).isFalse();

            session.commit();
            assertThat(Athanor.inspect(ed).isDetached()).isTrue();
        }
    }

    @AcrossDatabases
    void aDeletedObjectIsPersistentAgainAfterRollback(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> flushAndGetId(session, new Customer("Ed", "UK")));
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.delete(ed);
            session.flush();

            session.rollback();

            assertThat(Athanor.inspect(ed).isPersistent()).isTrue();
            assertThat(session.contains(ed)).isTrue();
            assertThat(session.get(Customer.class, id)).isSameAs(ed);
        }
    }

    @AcrossDatabases
    void rollbackMakesAPendingObjectTransientAgainAndClearsItsGeneratedKey(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            assertThat(ed.getId()).isNotNull();

            session.rollback();

            assertThat(Athanor.inspect(ed).isTransient()).isTrue();
            assertThat(ed.getId()).isNull();
            assertThat(session.newObjects()).isEmpty();
        }
    }

    @AcrossDatabases
    void aPrimitiveGeneratedKeyOfZeroIsGeneratedAndResetByRollback(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Ticket first = new Ticket("first");
            Ticket second = new Ticket("second");
            session.addAll(java.util.List.of(first, second));
            session.flush();
            assertThat(java.util.List.of(first.getId(), second.getId())).containsExactly(1L, 2L);

            session.rollback();

            assertThat(java.util.List.of(first.getId(), second.getId())).containsExactly(0L, 0L);
        }
    }

    @AcrossDatabases
    void rollbackKeepsAKeyTheApplicationAssigned(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        java.util.UUID id = java.util.UUID.randomUUID();
        try (Session session = sessions.openSession()) {
            Account account = new Account(id, "ed");
            session.add(account);
            session.flush();

            session.rollback();

            assertThat(account.getId()).isEqualTo(id);
            assertThat(account.getCreditLimit()).as("a server default is cleared with its row").isNull();
        }
    }

    @AcrossDatabases
    void expungeDetachesAPersistentObjectAndMakesAPendingOneTransient(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            Customer wendy = new Customer("Wendy", "US");
            session.add(ed);
            session.flush();
            session.add(wendy);

            session.expunge(ed);
            session.expunge(wendy);

            assertThat(Athanor.inspect(ed).isDetached()).isTrue();
            assertThat(Athanor.inspect(wendy).isTransient()).isTrue();
            assertThat(session.contains(ed)).isFalse();
        }
    }

    static Long flushAndGetId(Session session, Customer customer) {
        session.add(customer);
        session.flush();
        return customer.getId();
    }
}
