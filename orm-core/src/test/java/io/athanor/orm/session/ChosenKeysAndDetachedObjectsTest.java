package io.athanor.orm.session;

import io.athanor.orm.Athanor;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.session.SessionTestSupport.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How add() tells a new object whose database-generated key the application chose (INSERTed with that key)
 * from a detached one (UPDATEd with its changes only, never duplicated).
 */
class ChosenKeysAndDetachedObjectsTest {

    private static Customer withKey(long id, String name) {
        Customer customer = new Customer(name, "UK");
        io.athanor.orm.mapping.Registry.of(Customer.class).mapper(Customer.class).primaryKeyAttributes().get(0)
                .set(customer, id);
        return customer;
    }

    private static long rows(Session session) {
        return session.execute(io.athanor.orm.sql.Sql.text("select count(*) from customers")).scalar(Long.class);
    }

    @AcrossDatabases
    void aNewObjectWithAChosenKeyIsInsertedWithThatKey(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer chosen = withKey(42L, "Ed");
        assertThat(Athanor.inspect(chosen).isTransient()).isTrue();

        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.add(chosen));
            assertThat(sql.statementsWithParameters()).containsExactly(
                    "INSERT INTO customers (id, name, country) VALUES (?, ?, ?)\n"
                            + "[parameters: (id=42, name='Ed', country='UK')]");
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Customer.class, 42L).getName()).isEqualTo("Ed");
        }
    }

    @AcrossDatabases
    void aDetachedObjectAddedAgainIsUpdatedWithItsChangesOnly(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer ed = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(ed));
        assertThat(Athanor.inspect(ed).isDetached()).isTrue();

        ed.setCountry("FR");
        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.add(ed));
            assertThat(sql.statementsWithParameters()).containsExactly(
                    "UPDATE customers SET country = ? WHERE id = ?\n[parameters: (country='FR', id=" + ed.getId() + ")]");
        }
        try (Session session = sessions.openSession()) {
            assertThat(rows(session)).isEqualTo(1);
            assertThat(session.get(Customer.class, ed.getId()).getCountry()).isEqualTo("FR");
        }
    }

    @AcrossDatabases
    void aDetachedObjectWithoutChangesCostsNoStatement(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer loaded;
        sessions.useTransaction(session -> session.add(new Customer("Ed", "UK")));
        try (Session session = sessions.openSession()) {
            loaded = session.get(Customer.class, 1L);
        }

        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.add(loaded));
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void anExpungedObjectIsDetachedAndAddedBackWithItsChangesOnly(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.add(new Customer("Ed", "UK")));
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, 1L);
            session.expunge(ed);
            ed.setName("Edward");

            try (SqlRecorder sql = new SqlRecorder()) {
                session.add(ed);
                session.flush();
                assertThat(sql.statements()).containsExactly("UPDATE customers SET name = ? WHERE id = ?");
            }
        }
    }

    @AcrossDatabases
    void anObjectWhoseInsertWasRolledBackIsNotTakenForDetached(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer chosen = withKey(7L, "Ed");
        try (Session session = sessions.openSession()) {
            session.add(chosen);
            session.flush();
        }

        sessions.useTransaction(session -> session.add(chosen));

        try (Session session = sessions.openSession()) {
            assertThat(session.get(Customer.class, 7L).getName()).isEqualTo("Ed");
        }
    }

    @AcrossDatabases
    void aCopyOfAnExistingRowWithItsKeyIsInsertedAndRefusedWithTheReasonAndTheRemedy(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.add(new Customer("Ed", "UK")));
        Customer copy = withKey(1L, "Edward");

        try (Session session = sessions.openSession()) {
            session.add(copy);
            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("Customer objects whose generated key the application set (Customer(1) ...)"
                            + " were INSERTed because they were not known to have left a session. If they are copies"
                            + " of existing rows (deserialized, or from a session that was never closed), write them"
                            + " with merge()");
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.merge(copy).getName()).isEqualTo("Edward");
            session.commit();
            assertThat(rows(session)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aDetachedObjectWhoseKeyWasClearedIsInsertedAsANewRow(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer ed = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(ed));
        io.athanor.orm.mapping.Registry.of(Customer.class).mapper(Customer.class).primaryKeyAttributes().get(0)
                .set(ed, null);

        sessions.useTransaction(session -> session.add(ed));

        try (Session session = sessions.openSession()) {
            assertThat(rows(session)).isEqualTo(2);
            assertThat(session.scalars(io.athanor.orm.sql.Sql.select(Customer.class)).all())
                    .extracting(Customer::getName).containsExactly("Ed", "Ed");
        }
        assertThat(List.of(ed.getId())).containsExactly(2L);
    }

    private static void setKey(Customer customer, Long id) {
        io.athanor.orm.mapping.Registry.of(Customer.class).mapper(Customer.class).primaryKeyAttributes().get(0)
                .set(customer, id);
    }

    @AcrossDatabases
    void anObjectExpungedAfterItsInsertIsNewAgainOnceTheTransactionRollsBack(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer ed = new Customer("Ed", "UK");
        try (Session session = sessions.openSession()) {
            session.add(ed);
            session.flush();
            session.expunge(ed);
            assertThat(Athanor.inspect(ed).isDetached()).isTrue();
            session.rollback();
        }
        assertThat(Athanor.inspect(ed).isTransient()).isTrue();

        sessions.useTransaction(session -> session.add(ed));

        try (Session session = sessions.openSession()) {
            assertThat(rows(session)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aDetachedObjectWhoseKeyWasChangedIsRefusedRatherThanCopied(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer ed = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(ed));
        Long id = ed.getId();
        setKey(ed, 99L);

        try (Session session = sessions.openSession()) {
            session.add(ed);
            assertThatThrownBy(session::flush).isInstanceOf(io.athanor.orm.InvalidRequestException.class)
                    .hasMessage("[ATH-E068] The primary key Customer.id of persistent Customer " + id + " was changed"
                            + " to 99; Athanor does not move rows between keys. Delete the object and add a new one"
                            + " instead.");
        }
        try (Session session = sessions.openSession()) {
            assertThat(rows(session)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void anObjectTakenByASessionThatIsNeverClosedIsNoLongerKnownAsDetached(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Customer ed = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(ed));
        java.lang.ref.WeakReference<Session> abandoned = changedInASessionNeverClosed(sessions, ed);
        for (int i = 0; i < 100 && abandoned.get() != null; i++) {
            System.gc();
        }
        assertThat(abandoned.get()).as("the abandoned session was collected").isNull();
        ed.setName("Ed");

        // What its last session wrote is not known: rather than trust an older record and write nothing,
        // add() takes it for new and the database refuses the duplicate, with the reason and merge() named.
        try (Session session = sessions.openSession()) {
            session.add(ed);
            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("write them with merge()");
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.merge(ed).getName()).isEqualTo("Ed");
            session.commit();
            assertThat(session.get(Customer.class, ed.getId()).getName()).isEqualTo("Ed");
        }
    }

    private static java.lang.ref.WeakReference<Session> changedInASessionNeverClosed(SessionFactory sessions,
                                                                                   Customer ed) {
        Session session = sessions.openSession();
        session.add(ed);
        ed.setName("Edward");
        session.commit();
        return new java.lang.ref.WeakReference<>(session);
    }

    @AcrossDatabases
    void expireDiscardsAChangeEvenWhenTheNextFlushComesBeforeAnyReload(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.add(new Customer("Ed", "UK")));
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, 1L);
            ed.setName("Edward");
            session.expire(ed);
            try (SqlRecorder sql = new SqlRecorder()) {
                session.commit();
                assertThat(sql.statements()).isEmpty();
            }
        }
    }

    @AcrossDatabases
    void rollbackDiscardsAChangeEvenWhenTheNextFlushComesBeforeAnyReload(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.add(new Customer("Ed", "UK")));
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, 1L);
            ed.setName("Edward");
            session.rollback();
            ed.setCountry("FR");
            try (SqlRecorder sql = new SqlRecorder()) {
                session.commit();
                assertThat(sql.statementsWithParameters()).containsExactly(
                        "UPDATE customers SET country = ? WHERE id = ?\n[parameters: (country='FR', id=1)]");
            }
        }
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, 1L);
            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(ed.getCountry()).isEqualTo("FR");
        }
    }
}
