package io.athanor.orm.session;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.ScalarResult;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each way of misusing a session gets a clear error with its code, and leaves nothing half-written in the
 * database: what the session had flushed is either committed by its own commit() or rolled back.
 */
class SessionMisuseTest {

    private static SessionFactory h2Sessions() {
        io.athanor.orm.engine.Engine engine = io.athanor.orm.engine.Engine.create(
                "jdbc:h2:mem:misuse_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        io.athanor.orm.mapping.Registry registry = io.athanor.orm.mapping.Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @Test
    void deletingATransientObjectIsRefused() {
        try (Session session = h2Sessions().openSession()) {
            Customer ed = new Customer("Ed", "UK");

            assertThatThrownBy(() -> session.delete(ed))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E063] Customer@[0-9a-f]+ is not persisted, so it cannot be deleted\\."
                            + " A pending object leaves the session with expunge\\(\\)\\.");
        }
    }

    @Test
    void addingAnObjectOfAnotherOpenSessionIsRefused() {
        SessionFactory sessions = h2Sessions();
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            first.add(ed);

            assertThatThrownBy(() -> second.add(ed))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E061] Customer@[0-9a-f]+ is already attached to " + first + ", which is"
                            + " open; this is " + second + "\\. Expunge it from there first, or copy it into this session"
                            + " with merge\\(\\)\\.");
        }
    }

    @Test
    void anObjectOfAClosedSessionCanBeAddedToAnother() {
        SessionFactory sessions = h2Sessions();
        Customer ed = new Customer("Ed", "UK");
        try (Session first = sessions.openSession()) {
            first.add(ed);
            first.commit();
        }
        try (Session second = sessions.openSession()) {
            second.add(ed);
            assertThat(second.contains(ed)).isTrue();
        }
    }

    @AcrossDatabases
    void aLoadedObjectOfAnotherOpenSessionIsRefusedAndOnlyItsOwnSessionWritesIt(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> ObjectStatesTest.flushAndGetId(session, new Customer("Ed", "UK")));
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            Customer ed = first.get(Customer.class, id);
            ed.setName("Edward");

            assertThatThrownBy(() -> second.add(ed))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E061] Customer(" + id + ") is already attached to " + first + ", which is open;"
                            + " this is " + second + ". Expunge it from there first, or copy it into this session with"
                            + " merge().");
            second.commit();
            assertThat(customerNamesInTheDatabase(sessions)).as("after the other session's commit").containsExactly("Ed");
            first.commit();
        }
        assertThat(customerNamesInTheDatabase(sessions)).as("after its own session's commit").containsExactly("Edward");
    }

    @Test
    void attachingASecondObjectWithTheSameIdentityIsRefused() {
        SessionFactory sessions = h2Sessions();
        Customer detached = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(detached));
        try (Session session = sessions.openSession()) {
            session.get(Customer.class, detached.getId());

            assertThatThrownBy(() -> session.add(detached))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E062] Cannot attach Customer(1): another object with the same identity is already"
                            + " in " + session + ". Use merge() to copy its state onto that object.");
        }
    }

    @Test
    void aClosedSessionRefusesWork() {
        Session session = h2Sessions().openSession();
        session.close();
        session.close();

        assertThatThrownBy(() -> session.get(Customer.class, 1L))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[ATH-E066] " + session + " is closed; open a new one with sessionFactory.openSession().");
        assertThatThrownBy(() -> session.add(new Customer("Ed", "UK"))).hasMessageStartingWith("[ATH-E066]");
    }

    @AcrossDatabases
    void aClosedSessionRefusesTransactionWorkAndWhatItHadFlushedIsRolledBack(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Session session = sessions.openSession();
        Customer ed = new Customer("Ed", "UK");
        session.add(ed);
        session.flush();
        session.close();

        String closed = "[ATH-E066] " + session + " is closed; open a new one with sessionFactory.openSession().";
        assertThatThrownBy(session::flush).isInstanceOf(InvalidRequestException.class).hasMessage(closed);
        assertThatThrownBy(session::commit).isInstanceOf(InvalidRequestException.class).hasMessage(closed);
        assertThatThrownBy(session::rollback).isInstanceOf(InvalidRequestException.class).hasMessage(closed);
        assertThatThrownBy(session::connection).isInstanceOf(InvalidRequestException.class).hasMessage(closed);
        // Closing rolled the INSERT back, so the object must not claim a row: it is transient, its key cleared.
        assertThat(Session.inspect(ed).isTransient()).isTrue();
        assertThat(ed.getId()).isNull();
        assertThat(customerNamesInTheDatabase(sessions)).isEmpty();
    }

    @AcrossDatabases
    void rowsOfAQueryReadAfterItsSessionClosedAreRefused(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        sessions.useTransaction(session -> session.addAll(List.of(new Customer("Ed", "UK"), new Customer("Wendy", "US"))));
        ScalarResult<Customer> customers;
        try (Session session = sessions.openSession()) {
            // Read lazily from the cursor: no row has been read when the session closes.
            customers = session.scalars(Sql.select(Customer.class));
        }

        assertThatThrownBy(customers::all)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[ATH-E003] This Result's cursor was closed when its transaction ended (commit, rollback or"
                        + " close) before all rows were read. Read the rows, for example with all(), before ending the"
                        + " transaction.");
    }

    @Test
    void aSessionUsedFromTwoThreadsAtOnceIsRefused() throws Exception {
        SessionFactory sessions = h2Sessions();
        Session session = sessions.openSession();
        CountDownLatch insideFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "second-thread"));
        try {
            Future<Throwable> refused = other.submit(() -> {
                insideFirst.await();
                try {
                    session.get(Customer.class, 1L);
                    return null;
                } catch (Throwable expected) {
                    return expected;
                } finally {
                    secondDone.countDown();
                }
            });
            session.noAutoflush(() -> {
                // The session is in use by this thread for as long as the block runs.
                session.get(Customer.class, 2L);
                insideFirst.countDown();
                awaitQuietly(secondDone);
                return session.get(Customer.class, 3L);
            });

            assertThat(refused.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E065] " + session + " is in use by thread '")
                    .hasMessageContaining("while thread 'second-thread' tries to use it. A Session belongs to one thread at"
                            + " a time: open one per thread or request with sessionFactory.openSession().");
        } finally {
            other.shutdownNow();
            session.close();
        }
    }

    @AcrossDatabases
    void aCommitFromASecondThreadIsRefusedAndLeavesTheOwnersWorkToItsOwnCommit(TestDatabase db) throws Exception {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));

            Throwable refused = callFromAnotherThreadWhileInUse(session, session::commit);

            assertThat(refused)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage(inUseByThisThread(session));
            assertThat(customerNamesInTheDatabase(sessions)).as("after the refused commit").isEmpty();
            session.commit();
        }
        assertThat(customerNamesInTheDatabase(sessions)).as("after the owner's commit").containsExactly("Ed");
    }

    @AcrossDatabases
    void aSecondThreadCannotTakeTheConnectionOfASessionInUseToCommitItsTransaction(TestDatabase db) throws Exception {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            session.flush();

            // The connection carries the session's open transaction: a thread that got hold of it could commit
            // (or run statements in) work the owning thread is still doing.
            Throwable refused = callFromAnotherThreadWhileInUse(session, () -> session.connection().commit());

            assertThat(refused)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage(inUseByThisThread(session));
            session.rollback();
        }
        assertThat(customerNamesInTheDatabase(sessions)).as("after the owner's rollback").isEmpty();
    }

    /**
     * Runs {@code call} on a thread named second-thread while this thread is inside a call of the session
     * (a {@code noAutoflush} block), and returns what it threw, or null.
     */
    private static Throwable callFromAnotherThreadWhileInUse(Session session, Runnable call) throws Exception {
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "second-thread"));
        try {
            Future<Throwable> outcome = other.submit(() -> {
                inUse.await();
                try {
                    call.run();
                    return null;
                } catch (Throwable thrown) {
                    return thrown;
                } finally {
                    secondDone.countDown();
                }
            });
            session.noAutoflush(() -> {
                inUse.countDown();
                awaitQuietly(secondDone);
            });
            return outcome.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    private static String inUseByThisThread(Session session) {
        return "[ATH-E065] " + session + " is in use by thread '" + Thread.currentThread().getName() + "' while thread"
                + " 'second-thread' tries to use it. A Session belongs to one thread at a time: open one per thread or"
                + " request with sessionFactory.openSession().";
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refreshingAnObjectNotInTheSessionIsRefused() {
        try (Session session = h2Sessions().openSession()) {
            assertThatThrownBy(() -> session.refresh(new Customer("Ed", "UK")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E071] Customer@[0-9a-f]+ is not persistent in Session#\\d+, so it cannot"
                            + " refresh\\. Only objects loaded or flushed in this session can; add\\(\\) a detached"
                            + " object first, flush\\(\\) a pending one\\.");
        }
    }

    @Test
    void changingThePrimaryKeyOfAPersistentObjectIsRefusedAtFlush() throws Exception {
        SessionFactory sessions = h2Sessions();
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            java.lang.reflect.Field id = Customer.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(ed, 99L);

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E068] The primary key Customer.id of persistent Customer 1 was changed to 99;"
                            + " Athanor does not move rows between keys. Delete the object and add a new one instead.");
        }
    }

    @AcrossDatabases
    void anAssignedKeyLeftNullIsRefusedAtFlush(TestDatabase db) {
        try (Session session = SessionTestSupport.sessions(db).openSession()) {
            session.add(new Account(null, "ed"));

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E069] The primary key Account.id of a new Account is null and the database does not"
                            + " generate it; assign it before flush, or map it as a generated key.");
        }
    }

    @Test
    void anUnmappedClassIsReportedWithTheMappedOnes() {
        try (Session session = h2Sessions().openSession()) {
            assertThatThrownBy(() -> session.add("not an entity"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E052] Class java.lang.String is not mapped by this Registry; it maps [Customer]."
                            + " Annotate it with @Table and add it with Registry.of(..) or Registry.scan(..).");
        }
    }

    @AcrossDatabases
    void aFlushStartedByABeforeFlushListenerIsRefusedAndTheTransactionIsRolledBack(TestDatabase db) {
        AtomicBoolean flushFromTheListener = new AtomicBoolean();
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.builder(engine, registry)
                .listener(new SessionListener() {
                    @Override
                    public void beforeFlush(Session session) {
                        if (flushFromTheListener.get()) {
                            session.flush();
                        }
                    }
                })
                .build();
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(new Customer("Ed", "UK"));
            session.flush();
            flushFromTheListener.set(true);
            session.add(new Customer("Wendy", "US"));

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E070] " + session + " is flushing, so it cannot flush now:"
                            + " SessionListener.beforeFlush may add, delete and change objects, which become part of"
                            + " this flush, but not flush, commit, roll back or close the session.");
            // The refused flush rolled the transaction back at once, Ed's earlier INSERT with it: nothing of the
            // transaction is left for a later commit to write.
            assertThat(sql.events()).as("transaction events").endsWith("ROLLBACK").doesNotContain("COMMIT");
        }
        assertThat(customerNamesInTheDatabase(sessions)).isEmpty();
    }

    /** A session whose Customer INSERT event runs {@code work} once, armed after the first flush. */
    private static SessionFactory sessionsRunningDuringInserts(TestDatabase db, AtomicBoolean armed,
                                                                java.util.function.BiConsumer<Session, Customer> work) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        return SessionFactory.builder(engine, registry)
                .listener(Customer.class, new MapperListener<Customer>() {
                    @Override
                    public void afterInsert(Session session, Customer customer) {
                        if (armed.getAndSet(false)) {
                            work.accept(session, customer);
                        }
                    }
                })
                .build();
    }

    /**
     * Runs {@code work} from an afterInsert event during a commit, and returns the commit's failure, checking
     * that the transaction was rolled back and nothing of it written.
     */
    private static InvalidRequestException refusedDuringInsert(TestDatabase db,
                                                               java.util.function.BiConsumer<Session, Customer> work) {
        AtomicBoolean armed = new AtomicBoolean(true);
        SessionFactory sessions = sessionsRunningDuringInserts(db, armed, work);
        InvalidRequestException refused;
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(new Customer("Ed", "UK"));
            session.add(new Customer("Wendy", "US"));
            refused = catchThrowableOfType(InvalidRequestException.class, session::commit);
            assertThat(sql.events()).as("transaction events").endsWith("ROLLBACK").doesNotContain("COMMIT");
        }
        assertThat(armed).as("the event ran").isFalse();
        assertThat(customerNamesInTheDatabase(sessions)).isEmpty();
        assertThat(refused).as("the commit's failure").isNotNull();
        return refused;
    }

    private static final String WHILE_WRITING = " now: code that runs while a flush writes (MapperListener events,"
            + " SessionListener.afterFlush) may read, query and set fields of the object at hand, and run SQL through"
            + " session.connection(), but not add, delete, merge, expunge, expire or refresh objects, run bulk INSERT,"
            + " UPDATE or DELETE statements through the session, flush, commit, roll back or close: the flush would"
            + " lose or undo that work. Make such changes in SessionListener.beforeFlush, or after the flush.";

    @AcrossDatabases
    void addingAnObjectFromAnInsertEventIsRefusedInsteadOfLosingIt(TestDatabase db) {
        InvalidRequestException refused = refusedDuringInsert(db,
                (session, customer) -> session.add(new Customer("Added", "FR")));

        assertThat(refused).hasMessageEndingWith(" is flushing, so it cannot add an object" + WHILE_WRITING);
    }

    @AcrossDatabases
    void deletingTheInsertedObjectFromItsInsertEventIsRefusedInsteadOfIgnored(TestDatabase db) {
        assertThat(refusedDuringInsert(db, Session::delete))
                .hasMessageEndingWith(" is flushing, so it cannot delete an object" + WHILE_WRITING);
    }

    @AcrossDatabases
    void rollingBackFromAnInsertEventIsRefusedInsteadOfReportingTheCommitDone(TestDatabase db) {
        assertThat(refusedDuringInsert(db, (session, customer) -> session.rollback()))
                .hasMessageEndingWith(" is flushing, so it cannot roll back" + WHILE_WRITING);
    }

    @AcrossDatabases
    void closingFromAnInsertEventIsRefusedInsteadOfReportingTheCommitDone(TestDatabase db) {
        assertThat(refusedDuringInsert(db, (session, customer) -> session.close()))
                .hasMessageEndingWith(" is flushing, so it cannot close" + WHILE_WRITING);
    }

    @AcrossDatabases
    void committingFromAnInsertEventIsRefused(TestDatabase db) {
        assertThat(refusedDuringInsert(db, (session, customer) -> session.commit()))
                .hasMessageEndingWith(" is flushing, so it cannot commit" + WHILE_WRITING);
    }

    @AcrossDatabases
    void mergingExpungingAndBulkStatementsFromAnInsertEventAreRefused(TestDatabase db) {
        assertThat(refusedDuringInsert(db, (session, customer) -> session.merge(new Customer("Merged", "FR"))))
                .hasMessageEndingWith(" is flushing, so it cannot merge an object" + WHILE_WRITING);
        assertThat(refusedDuringInsert(db, Session::expunge))
                .hasMessageEndingWith(" is flushing, so it cannot expunge an object" + WHILE_WRITING);
        assertThat(refusedDuringInsert(db, (session, customer) -> session.execute(Sql.update(Customer.class)
                .values("country", "FR").where(Sql.col("name").eq("Ed")))))
                .hasMessageEndingWith(" is flushing, so it cannot run a bulk INSERT, UPDATE or DELETE" + WHILE_WRITING);
    }

    @AcrossDatabases
    void readingAndSqlOnTheSessionsConnectionFromAnInsertEventWork(TestDatabase db) {
        AtomicBoolean armed = new AtomicBoolean(true);
        List<Long> seen = new java.util.ArrayList<>();
        SessionFactory sessions = sessionsRunningDuringInserts(db, armed, (session, customer) -> {
            seen.add(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class));
            session.connection().execute(Sql.text("update customers set country = 'XX' where name = 'Ed'"));
        });
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            session.commit();
        }

        assertThat(seen).as("rows the event counted: its own INSERT already ran").containsExactly(1L);
        Long marked = sessions.inTransaction(session -> session.execute(
                Sql.text("select count(*) from customers where country = 'XX'")).scalar(Long.class));
        assertThat(marked).isEqualTo(1);
    }

    @AcrossDatabases
    void anObjectAddedByABeforeFlushListenerIsPartOfThatFlush(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().build());
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        AtomicBoolean armed = new AtomicBoolean(true);
        SessionFactory sessions = SessionFactory.builder(engine, registry)
                .listener(new SessionListener() {
                    @Override
                    public void beforeFlush(Session session) {
                        if (armed.getAndSet(false)) {
                            session.add(new Customer("Audit", "XX"));
                        }
                    }
                })
                .build();
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            session.commit();
        }

        assertThat(customerNamesInTheDatabase(sessions)).containsExactly("Audit", "Ed");
    }

    @AcrossDatabases
    void commitAfterAFailedFlushIsRefusedAndWritesNothingOfTheTransaction(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        UUID taken = UUID.nameUUIDFromBytes(new byte[] {1});
        sessions.useTransaction(session -> session.add(new Account(taken, "ed")));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.add(new Customer("Wendy", "US"));
            session.flush();
            session.add(new Account(taken, "duplicate"));
            IntegrityException failure = catchThrowableOfType(IntegrityException.class, session::flush);
            // The failed flush rolled the database transaction back at once, Wendy's INSERT with it.
            assertThat(sql.events()).as("transaction events").endsWith("ROLLBACK").doesNotContain("COMMIT");

            assertThatThrownBy(session::commit)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E067] This Session's transaction was rolled back because of an earlier error"
                            + " during flush: " + failure.getMessage() + " Call session.rollback() before using the"
                            + " session again; then apply the changes again.")
                    .cause().isSameAs(failure);
            // Wendy's INSERT succeeded before the failing one, and on H2 and MariaDB a failed statement undoes only
            // itself: a commit let through here would have written her.
            assertThat(customerNamesInTheDatabase(sessions)).isEmpty();
            Long accounts = sessions.inTransaction(other -> other.execute(Sql.text("select count(*) from accounts"))
                    .scalar(Long.class));
            assertThat(accounts).as("accounts: the one committed before").isEqualTo(1);
        }
    }

    private static List<String> customerNamesInTheDatabase(SessionFactory sessions) {
        return sessions.inTransaction(session -> session.execute(Sql.text("select name from customers order by name"))
                .scalars(String.class).all());
    }
}
