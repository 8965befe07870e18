package io.athanor.orm.session;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commit, rollback, expiry, savepoints, merge and friends. */
class SessionTransactionTest {

    @AcrossDatabases
    void rollbackExpiresAndTheNextGetReloadsTheDatabaseValue(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            ed.setName("Edward");
            session.flush();

            session.rollback();
            assertThat(ed.getName()).as("a field keeps its value until the object is handed out again").isEqualTo("Edward");
            sql.clear();

            assertThat(session.get(Customer.class, id)).isSameAs(ed);
            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(sql.statements()).containsExactly("SELECT id, name, country FROM customers WHERE id = ?");
        }
    }

    @AcrossDatabases
    void afterCommitAnObjectIsReloadedBeforeItIsHandedOutAgain(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            assertThat(Session.inspect(ed).isExpired()).isTrue();
            sessions.useTransaction(other -> other.execute(Sql.text("update customers set country = 'FR'")));

            assertThat(ed.getCountry()).as("the field is read directly: last loaded value").isEqualTo("UK");
            assertThat(session.get(Customer.class, id).getCountry()).isEqualTo("FR");
        }
    }

    @AcrossDatabases
    void aReloadKeepsTheFieldsChangedSinceTheObjectExpired(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            sessions.useTransaction(other -> other.execute(Sql.text("update customers set country = 'FR'")));
            ed.setName("Edward");
            sql.clear();

            session.get(Customer.class, id);
            session.commit();

            assertThat(ed.getName()).isEqualTo("Edward");
            assertThat(ed.getCountry()).isEqualTo("FR");
            assertThat(sql.statements()).containsExactly("SELECT id, name, country FROM customers WHERE id = ?",
                    "UPDATE customers SET name = ? WHERE id = ?");
        }
    }

    @AcrossDatabases
    void aFailedFlushLeavesTheSessionRefusingWorkUntilRollback(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        sessions.useTransaction(session -> session.add(new Account(java.util.UUID.nameUUIDFromBytes(new byte[] {1}), "ed")));
        try (Session session = sessions.openSession()) {
            Customer wendy = new Customer("Wendy", "US");
            session.add(wendy);
            session.add(new Account(java.util.UUID.nameUUIDFromBytes(new byte[] {1}), "duplicate"));

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> session.get(Customer.class, 1L))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E067] This Session's transaction was rolled back because of an earlier"
                            + " error during flush: [ATH-E030] Unique constraint")
                    .hasMessageEndingWith(" Call session.rollback() before using the session again; then apply the"
                            + " changes again.");

            session.rollback();
            session.add(wendy);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select name from customers")).scalars(String.class).all())
                    .containsExactly("Wendy");
            assertThat(session.execute(Sql.text("select count(*) from accounts")).scalar(Long.class)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aSavepointRollbackKeepsTheOuterWorkAndRestoresTheValuesChangedInside(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            Savepoint savepoint = session.beginNested();
            ed.setName("Edward");
            Customer wendy = new Customer("Wendy", "US");
            session.add(wendy);
            session.flush();

            savepoint.rollback();

            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(Session.inspect(wendy).isTransient()).isTrue();
            assertThat(session.isModified(ed)).isFalse();
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select name from customers")).scalars(String.class).all())
                    .containsExactly("Ed");
        }
    }

    @AcrossDatabases
    void aCommittedSavepointKeepsItsWork(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            try (Savepoint savepoint = session.beginNested()) {
                session.add(new Customer("Ed", "UK"));
                savepoint.commit();
            }
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void mergeOfADetachedCopyReturnsThePersistentInstanceAndUpdatesTheRow(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Customer detached;
        try (Session session = sessions.openSession()) {
            detached = new Customer("Ed", "UK");
            session.add(detached);
            session.commit();
        }
        detached.setCountry("FR");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer merged = session.merge(detached);
            session.commit();

            assertThat(merged).isNotSameAs(detached);
            assertThat(session.contains(merged)).isTrue();
            assertThat(session.contains(detached)).isFalse();
            assertThat(sql.statements()).containsExactly("SELECT id, name, country FROM customers WHERE id = ?",
                    "UPDATE customers SET country = ? WHERE id = ?");
        }
    }

    @AcrossDatabases
    void mergeOfATransientObjectAddsANewOne(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Customer copy = new Customer("Ed", "UK");
            Customer merged = session.merge(copy);

            assertThat(merged).isNotSameAs(copy);
            assertThat(session.newObjects()).containsExactly(merged);
        }
    }

    @AcrossDatabases
    void anObjectOfAClosedSessionIsDetachedAndUpdatedWhenAddedToAnother(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        Customer ed;
        try (Session session = sessions.openSession()) {
            ed = session.get(Customer.class, id);
        }
        assertThat(io.athanor.orm.Athanor.inspect(ed).isDetached()).isTrue();
        assertThat(io.athanor.orm.Athanor.inspect(ed).identity()).isEqualTo(id);
        ed.setName("Edward");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(ed);
            assertThat(io.athanor.orm.Athanor.inspect(ed).isPersistent()).isTrue();
            session.commit();

            // Its values as its last session left them are known: only the changed column is written.
            assertThat(sql.statementsWithParameters()).containsExactly("UPDATE customers SET name = ?"
                    + " WHERE id = ?\n[parameters: (name='Edward', id=" + id + ")]");
        }
    }

    @AcrossDatabases
    void aSecondSessionSeesOnlyCommittedChanges(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            first.get(Customer.class, id).setName("Edward");
            first.flush();

            assertThat(second.get(Customer.class, id).getName()).isEqualTo("Ed");
            second.rollback();
            first.commit();
            assertThat(second.get(Customer.class, id).getName()).isEqualTo("Edward");
        }
    }

    @AcrossDatabases
    void refreshOverwritesUnflushedChanges(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            ed.setName("Edward");
            assertThat(session.dirty()).containsExactly(ed);

            session.refresh(ed);

            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(session.isModified(ed)).isFalse();
        }
    }

    @AcrossDatabases
    void anUpdateOfARowDeletedUnderneathRaisesStaleData(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            session.commit();
            sessions.useTransaction(other -> other.execute(Sql.text("delete from customers")));
            ed.setName("Edward");

            assertThatThrownBy(session::flush)
                    .isInstanceOf(StaleDataException.class)
                    .hasMessage("[ATH-E060] UPDATE statement on table 'customers' expected to update 1 row(s); 0 were"
                            + " matched. The row of Customer " + id + " was deleted or changed by another transaction;"
                            + " roll back, reload it and apply the change again.");
        }
    }

    @AcrossDatabases
    void noAutoflushKeepsChangesOutOfTheDatabaseUntilTheBlockEnds(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            long inside = session.noAutoflush(() ->
                    session.execute(Sql.text("select count(*) from customers")).scalar(Long.class));
            long after = session.execute(Sql.text("select count(*) from customers")).scalar(Long.class);

            assertThat(List.of(inside, after)).containsExactly(0L, 1L);
        }
    }

    @AcrossDatabases
    void inTransactionRollsBackWhenTheCallbackThrows(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        assertThatThrownBy(() -> sessions.useTransaction(session -> {
            session.add(new Customer("Ed", "UK"));
            session.flush();
            throw new IllegalStateException("no");
        })).hasMessage("no");

        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class)).isZero();
        }
    }
}
