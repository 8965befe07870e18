package io.athanor.orm.session;

import io.athanor.orm.Athanor;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A flush that fails inside a savepoint rolls back to the innermost active savepoint only: the objects
 * touched inside it are restored, and the outer transaction goes on (SQLAlchemy's
 * {@code with session.begin_nested(): ... except IntegrityError: skip}).
 */
class FailedFlushInSavepointTest {

    /** No customer has this key: an invoice that refers to it breaks the foreign key. */
    private static final long NO_SUCH_CUSTOMER = 999_999L;

    private static UUID key(int n) {
        return UUID.nameUUIDFromBytes(new byte[] {(byte) n});
    }

    private static List<String> owners(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.text("select owner from accounts order by owner")).scalars(String.class).all();
        }
    }

    private static List<String> customers(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.text("select name from customers order by name")).scalars(String.class).all();
        }
    }

    private static List<String> rollbacks(SqlRecorder sql) {
        return sql.events().stream().filter(event -> event.startsWith("ROLLBACK")).toList();
    }

    @AcrossDatabases
    void aDuplicateAddedInsideASavepointIsSkippedAndEveryOtherRecordCommits(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        sessions.useTransaction(session -> session.add(new Account(key(2), "existing")));
        List<Account> accounts = List.of(new Account(key(1), "first"), new Account(key(2), "duplicate"),
                new Account(key(3), "third"));
        List<Account> skipped = new ArrayList<>();
        try (Session session = sessions.openSession()) {
            // --- README: a savepoint per record (keep in sync) ---
            for (Account account : accounts) {
                try (Savepoint savepoint = session.beginNested()) {
                    session.add(account);                 // or session.merge(account)
                    savepoint.commit();                   // the flush fails here for a duplicate
                } catch (IntegrityException duplicate) {
                    // skipped: the account is transient again
                    skipped.add(account);
                }
            }
            session.commit();                             // every other account
            // --- end of README example ---
        }

        assertThat(skipped).containsExactly(accounts.get(1));
        assertThat(Athanor.inspect(accounts.get(1)).isTransient()).isTrue();
        assertThat(owners(sessions)).containsExactly("existing", "first", "third");
    }

    @AcrossDatabases
    void aRecordMergedInsideASavepointThatBreaksAConstraintIsSkippedAndEveryOtherRecordCommits(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        List<Account> records = List.of(new Account(key(1), "first"), new Account(key(2), null),
                new Account(key(3), "third"));
        List<Account> skipped = new ArrayList<>();
        try (Session session = sessions.openSession()) {
            for (Account record : records) {
                try (Savepoint savepoint = session.beginNested()) {
                    session.merge(record);
                    savepoint.commit();
                } catch (IntegrityException notNull) {
                    skipped.add(record);
                }
            }
            session.commit();
        }

        assertThat(skipped).containsExactly(records.get(1));
        assertThat(owners(sessions)).containsExactly("first", "third");
    }

    @AcrossDatabases
    void aFailedFlushRollsBackToTheSavepointNotTheTransaction(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(new Customer("Ed", "UK"));
            Savepoint savepoint = session.beginNested();
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThat(rollbacks(sql)).containsExactly("ROLLBACK TO SAVEPOINT athanor_sp_1");
            assertThat(savepoint.isActive()).isFalse();
            assertThat(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class)).isEqualTo(1);
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }

    @AcrossDatabases
    void aFailedFlushInsideASavepointTakesBackTheKeysItsInsertsHandedOut(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.beginNested();
            Long edId = ed.getId();
            Customer wendy = new Customer("Wendy", "US");
            session.add(wendy);
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));
            sql.clear();

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThat(sql.statements()).as("Wendy's INSERT ran before the invoice's failed")
                    .anyMatch(statement -> statement.startsWith("INSERT INTO customers"));
            assertThat(wendy.getId()).isNull();
            assertThat(Athanor.inspect(wendy).isTransient()).isTrue();
            assertThat(ed.getId()).isEqualTo(edId);
            assertThat(Athanor.inspect(ed).isPersistent()).isTrue();
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }

    @AcrossDatabases
    void aFailedFlushInsideASavepointGivesBackTheValuesItsUpdatesWrote(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            session.beginNested();
            ed.setName("Edward");
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));
            sql.clear();

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThat(sql.statements()).as("the UPDATE ran before the INSERT failed")
                    .startsWith("UPDATE customers SET name = ? WHERE id = ?");
            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(session.isModified(ed)).isFalse();
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }

    @AcrossDatabases
    void aFailedFlushInsideASavepointReturnsTheObjectsItsDeletesRemoved(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long ed = SessionTestSupport.saved(sessions, "Ed");
        Long wendy = SessionTestSupport.saved(sessions, "Wendy");
        Long[] invoices = sessions.inTransaction(session -> {
            Invoice first = new Invoice(ed, BigDecimal.ONE);
            Invoice second = new Invoice(wendy, BigDecimal.TEN);
            session.addAll(List.of(first, second));
            session.flush();
            return new Long[] {first.getId(), second.getId()};
        });
        try (Session session = sessions.openSession()) {
            Invoice edsInvoice = session.get(Invoice.class, invoices[0]);
            Customer stillInvoiced = session.get(Customer.class, wendy);
            session.beginNested();
            session.delete(edsInvoice);
            session.delete(stillInvoiced);

            // The invoice's DELETE goes first and succeeds; Wendy's breaks the foreign key of her invoice.
            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThat(Athanor.inspect(edsInvoice).isPersistent()).isTrue();
            assertThat(Athanor.inspect(stillInvoiced).isPersistent()).isTrue();
            assertThat(session.deleted()).isEmpty();
            assertThat(session.get(Invoice.class, invoices[0])).isSameAs(edsInvoice);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select count(*) from invoices")).scalar(Long.class)).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void anAutoflushThatFailsInsideASavepointRollsBackOnlyThatSavepoint(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            Savepoint savepoint = session.beginNested();
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));

            assertThatThrownBy(() -> session.execute(Sql.text("select count(*) from invoices")))
                    .isInstanceOf(IntegrityException.class);

            assertThat(savepoint.isActive()).isFalse();
            assertThat(session.newObjects()).isEmpty();
            session.add(new Customer("Wendy", "US"));
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed", "Wendy");
    }

    @AcrossDatabases
    void commitOfASavepointThatAFailedFlushRolledBackIsRefused(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            Savepoint savepoint = session.beginNested();
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));
            IntegrityException failure = catchThrowableOfType(IntegrityException.class, session::flush);

            assertThatThrownBy(savepoint::commit)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasCause(failure)
                    .hasMessage("[ATH-E127] This savepoint was rolled back when a flush inside it failed ("
                            + failure.getMessage() + "), so its work is gone and it cannot be committed. The outer"
                            + " transaction goes on: catch the flush's error to skip this work, or begin a new"
                            + " savepoint with session.beginNested() to try again.");
        }
    }

    @AcrossDatabases
    void rollbackAndCloseOfASavepointThatAFailedFlushRolledBackDoNothing(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(new Customer("Ed", "UK"));
            Savepoint savepoint = session.beginNested();
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));
            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);
            sql.clear();

            savepoint.rollback();
            savepoint.close();

            assertThat(sql.events()).isEmpty();
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }

    @AcrossDatabases
    void aFailedFlushInsideNestedSavepointsRollsBackOnlyTheInnermost(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Savepoint outer = session.beginNested();
            session.add(new Customer("Ed", "UK"));
            Savepoint inner = session.beginNested();
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThat(rollbacks(sql)).containsExactly("ROLLBACK TO SAVEPOINT athanor_sp_2");
            assertThat(inner.isActive()).isFalse();
            assertThat(outer.isActive()).isTrue();
            outer.commit();
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }

    @AcrossDatabases
    void aFlushThatFailsAfterTheSavepointsEndedStillRollsBackTheWholeTransaction(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            try (Savepoint savepoint = session.beginNested()) {
                session.add(new Customer("Ed", "UK"));
                savepoint.commit();
            }
            session.add(new Invoice(NO_SUCH_CUSTOMER, BigDecimal.TEN));

            assertThatThrownBy(session::flush).isInstanceOf(IntegrityException.class);

            assertThatThrownBy(() -> session.get(Customer.class, 1L)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E067] ");
            session.rollback();
        }
        assertThat(customers(sessions)).isEmpty();
    }

    @AcrossDatabases
    void aListenerThatFailsAfterAnInsertInsideASavepointLeavesNoKeyBehind(TestDatabase db) {
        SessionFactory plain = SessionTestSupport.sessions(db);
        SessionFactory sessions = SessionFactory.builder(plain.engine(), plain.registry())
                .listener(Customer.class, new MapperListener<Customer>() {
                    @Override
                    public void afterInsert(Session session, Customer customer) {
                        if (customer.getName().equals("Boom")) {
                            throw new IllegalStateException("Boom is refused");
                        }
                    }
                })
                .build();
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            session.beginNested();
            Customer boom = new Customer("Boom", "UK");
            session.add(boom);

            assertThatThrownBy(session::flush).isInstanceOf(IllegalStateException.class).hasMessage("Boom is refused");

            assertThat(boom.getId()).isNull();
            assertThat(Athanor.inspect(boom).isTransient()).isTrue();
            session.commit();
        }
        assertThat(customers(sessions)).containsExactly("Ed");
    }
}
