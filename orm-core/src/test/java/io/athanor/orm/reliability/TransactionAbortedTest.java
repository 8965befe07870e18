package io.athanor.orm.reliability;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.TransactionConflictException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.NestedTransaction;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.FaultOrder;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Work the database discarded is never reported committed. PostgreSQL aborts a transaction at its first
 * error, after which its driver turns a COMMIT into a silent rollback; every database rolls back the whole
 * transaction of a deadlock victim, after which the next statement would quietly begin a new one. In both
 * cases the connection refuses further statements and commit ({@code ATH-E103}) until rolled back.
 */
class TransactionAbortedTest {

    private static final String FAILING = "select no_such_column from fault_orders";

    private Engine engine;
    private SessionFactory sessions;

    private void open(TestDatabase db) {
        engine = db.track(db.engineBuilder().poolSize(2).maxOverflow(0).build());
        Registry registry = Registry.of(FaultOrder.class, FaultConnectionLostTest.FaultLine.class);
        registry.metadata().createAll(engine);
        sessions = SessionFactory.of(engine, registry);
    }

    private List<String> customers() {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.text("select customer from fault_orders order by id")).scalars(String.class)
                    .all();
        }
    }

    @AcrossDatabases
    void afterAFailedStatementCommitNeverReportsSuccessForWorkTheDatabaseDiscarded(TestDatabase db) {
        open(db);
        try (Session session = sessions.openSession()) {
            session.add(new FaultOrder("flushed first"));
            session.flush();
            assertThat(catchThrowable(() -> session.execute(Sql.text(FAILING))))
                    .isInstanceOf(DatabaseException.class);

            if (db.kind() == DatabaseKind.POSTGRESQL) {
                InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, session::commit);
                assertThat(refused).as("commit after the error").isNotNull();
                assertThat(refused.getMessage()).startsWith("[ATH-E103] This Connection's transaction was aborted by an"
                        + " earlier error (the cause, ATH-E031), so it cannot commit: postgresql ignores every"
                        + " statement of a transaction after its first error, and a COMMIT would roll it back without"
                        + " saying so.");
                assertThat(refused.getCause()).isInstanceOf(DatabaseException.class);
                session.rollback();
                assertThat(customers()).as("rows kept").isEmpty();
            } else {
                // H2 and MariaDB undo only the failed statement: the transaction goes on and commits.
                session.commit();
                assertThat(customers()).as("rows kept").containsExactly("flushed first");
            }
        }
    }

    @AcrossDatabases
    void aDriverErrorThatNeverReachedTheDatabaseLeavesTheTransactionUsable(TestDatabase db) {
        open(db);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into fault_orders (id, customer) values (1, 'kept')"));
            // No driver knows how to send this value: the error is raised before anything reaches the server.
            Throwable refused = catchThrowable(() -> conn.execute(Sql.text("select :v").bind("v", new Object())));

            assertThat(refused).as("binding a value no driver can send").isNotNull();
            assertThat(conn.isTransactionAborted()).isFalse();
            conn.execute(Sql.text("insert into fault_orders (id, customer) values (2, 'also kept')"));
            conn.commit();
        }
        assertThat(customers()).containsExactly("kept", "also kept");
    }

    @AcrossDatabases
    void onPostgresqlRollingBackToASavepointTakenBeforeTheErrorRecoversTheTransaction(TestDatabase db) {
        open(db);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into fault_orders (id, customer) values (1, 'kept')"));
            NestedTransaction savepoint = conn.beginNested();
            assertThat(catchThrowable(() -> conn.execute(Sql.text(FAILING)))).isInstanceOf(DatabaseException.class);
            assertThat(conn.isTransactionAborted()).isEqualTo(db.kind() == DatabaseKind.POSTGRESQL);

            savepoint.rollback();

            assertThat(conn.isTransactionAborted()).isFalse();
            conn.execute(Sql.text("insert into fault_orders (id, customer) values (2, 'after the savepoint')"));
            conn.commit();
        }
        assertThat(customers()).containsExactly("kept", "after the savepoint");
    }

    @AcrossDatabases
    void aDeadlockVictimRefusesFurtherWorkUntilRolledBackAndTheOtherTransactionCommits(TestDatabase db)
            throws Exception {
        open(db);
        try (Connection setup = engine.connect()) {
            setup.execute(Sql.text("insert into fault_orders (id, customer) values (1, 'one')"));
            setup.execute(Sql.text("insert into fault_orders (id, customer) values (2, 'two')"));
            setup.commit();
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection first = engine.connect(); Connection second = engine.connect()) {
            first.execute(Sql.text("update fault_orders set customer = 'first' where id = 1"));
            second.execute(Sql.text("update fault_orders set customer = 'second' where id = 2"));
            // Each now waits for the row the other holds: the database breaks the cycle by failing one of them.
            Future<Throwable> firstWaits = threads.submit(() -> catchThrowable(
                    () -> first.execute(Sql.text("update fault_orders set customer = 'first' where id = 2")).rowCount()));
            Future<Throwable> secondWaits = threads.submit(() -> catchThrowable(
                    () -> second.execute(Sql.text("update fault_orders set customer = 'second' where id = 1")).rowCount()));
            Throwable firstOutcome = firstWaits.get(1, TimeUnit.MINUTES);
            Throwable secondOutcome = secondWaits.get(1, TimeUnit.MINUTES);

            assertThat(firstOutcome == null ^ secondOutcome == null).as("exactly one deadlock victim: %s / %s",
                    firstOutcome, secondOutcome).isTrue();
            Connection victim = firstOutcome != null ? first : second;
            Connection winner = firstOutcome != null ? second : first;
            Throwable deadlock = firstOutcome != null ? firstOutcome : secondOutcome;
            assertThat(deadlock).isExactlyInstanceOf(TransactionConflictException.class)
                    .hasMessageStartingWith("[ATH-E104] The database ended the transaction to resolve a conflict with"
                            + " a concurrent one (a deadlock, or a serialization failure): ")
                    .hasMessageEndingWith(" None of the transaction's work was kept. Roll back and run the whole"
                            + " transaction again: under concurrency this is expected, and a retry usually succeeds."
                            + " Taking row locks in one order (by primary key, say) makes deadlocks rarer.");
            assertThat(((TransactionConflictException) deadlock).sqlState()).isIn("40001", "40P01");

            assertThat(victim.isTransactionAborted()).isTrue();
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                    () -> victim.execute(Sql.text("update fault_orders set customer = 'victim' where id = 1")));
            assertThat(refused).as("a statement after the deadlock").isNotNull();
            assertThat(refused.getMessage()).startsWith(db.kind() == DatabaseKind.POSTGRESQL
                    ? "[ATH-E103] This Connection's transaction was aborted by an earlier error"
                    : "[ATH-E103] The database rolled back this Connection's transaction after an earlier error (the"
                    + " cause, ATH-E104: a deadlock or a serialization failure), so it cannot execute a statement:");
            assertThat(catchThrowableOfType(InvalidRequestException.class, victim::commit))
                    .as("commit after the deadlock").isNotNull().hasMessageStartingWith("[ATH-E103] ");

            victim.rollback();
            assertThat(victim.isTransactionAborted()).isFalse();
            winner.commit();
        } finally {
            threads.shutdownNow();
        }
        String winnerName = customers().get(0);
        assertThat(customers()).as("both rows hold the winner's writes, none of the victim's")
                .containsExactly(winnerName, winnerName).doesNotContain("victim");
        assertThat(winnerName).isIn("first", "second");
    }
}
