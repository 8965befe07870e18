package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.Backends;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A statement cancelled by a statement timeout, and a lock wait ended by a lock timeout, produced for real
 * on each database, surface as {@link QueryTimeoutException} ({@code ATH-E100}) and
 * {@link LockTimeoutException} ({@code ATH-E101}) with the database's own setting named in the message;
 * the connection survives both (the pool does not discard it) and the work succeeds when run again.
 *
 * <p>The timeouts are configuration (100 ms, or 1 s where the database counts whole seconds); nothing
 * asserts on elapsed time.
 */
class FaultTimeoutsTest {

    private Engine engine;
    private SessionFactory sessions;

    @AcrossDatabases
    void aStatementLongerThanTheDatabasesStatementTimeoutIsCancelledWithQueryTimeoutException(TestDatabase db) {
        // One pool connection: the session's connection after the timeout is the same one, unless it was discarded.
        open(db, db.engineBuilder().poolSize(1).maxOverflow(0).build());
        try (Session session = sessions.openSession()) {
            long connection = Backends.id(db, session);
            String slow;
            switch (db.kind()) {
                case POSTGRESQL:
                    session.execute(Sql.text("SET LOCAL statement_timeout = '100ms'"));
                    slow = "select pg_sleep(5)";
                    break;
                case MARIADB:
                    slow = "SET STATEMENT max_statement_time=0.1 FOR select sleep(5)";
                    break;
                default:
                    // QUERY_TIMEOUT belongs to the H2 session, which is this test's own pool connection.
                    session.execute(Sql.text("SET QUERY_TIMEOUT 100"));
                    slow = SLOW_H2_QUERY;
            }

            QueryTimeoutException timeout = catchThrowableOfType(QueryTimeoutException.class,
                    () -> session.execute(Sql.text(slow)));

            assertThat(timeout).as("the slow statement's failure").isNotNull();
            assertThat(timeout.code()).isEqualTo("ATH-E100");
            assertThat(timeout.sqlState()).as("SQLState").isEqualTo(db.kind() == DatabaseKind.MARIADB
                    ? "70100" : "57014");
            assertThat(timeout.vendorCode()).as("vendor code").isEqualTo(vendorCodeOfStatementTimeout(db));
            assertThat(timeout.getMessage()).isEqualTo("[ATH-E100] The statement was cancelled before it finished: it"
                    + " ran longer than its statement timeout (EngineBuilder.statementTimeout(..) or "
                    + statementTimeoutSetting(db) + "), or it was cancelled on purpose: " + driverMessage(timeout)
                    + "; SQL [" + slow + "]; parameters [] (SQLState " + timeout.sqlState() + ", " + db.label()
                    + " code " + timeout.vendorCode() + "). Make the statement faster (an index, fewer rows) or raise"
                    + " the timeout for this work; roll back the transaction before using it again.");

            session.rollback();
            assertThat(Backends.id(db, session)).as("server session after the timeout: the same connection")
                    .isEqualTo(connection);
            System.out.printf("[fault] %s: statement timeout -> ATH-E100 (SQLState %s, code %d); connection kept%n",
                    db.label(), timeout.sqlState(), timeout.vendorCode());
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void engineStatementTimeoutCancelsAStatementThatRunsLonger(TestDatabase db) {
        // JDBC counts whole seconds: 300 ms is rounded up to 1 s.
        open(db, db.engineBuilder().statementTimeout(Duration.ofMillis(300)).build());
        String slow = slowStatement(db);
        try (Session session = sessions.openSession()) {
            QueryTimeoutException timeout = catchThrowableOfType(QueryTimeoutException.class,
                    () -> session.execute(Sql.text(slow)));

            assertThat(timeout).as("the slow statement's failure").isNotNull();
            assertThat(timeout.code()).isEqualTo("ATH-E100");
            assertThat(timeout.sql()).isEqualTo(slow);
            System.out.printf("[fault] %s: statementTimeout(300 ms) -> ATH-E100 (SQLState %s, code %d): %s%n",
                    db.label(), timeout.sqlState(), timeout.vendorCode(), driverMessage(timeout));
            session.rollback();
            assertThat(((Number) session.execute(Sql.text("select 1")).scalar()).intValue()).isEqualTo(1);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aRowLockHeldLongerThanTheLockTimeoutFailsWithLockTimeoutException(TestDatabase db) {
        open(db, db.engine());
        sessions.useTransaction(session -> {
            session.execute(Sql.text("create table fault_locks (id int primary key, v int)"));
            session.execute(Sql.text("insert into fault_locks (id, v) values (1, 10)"));
        });
        String lockRow = "select v from fault_locks where id = 1 for update";
        try (Session holder = sessions.openSession(); Session waiter = sessions.openSession()) {
            holder.execute(Sql.text(lockRow)).all();
            String waiting;
            switch (db.kind()) {
                case POSTGRESQL:
                    waiter.execute(Sql.text("SET LOCAL lock_timeout = '100ms'"));
                    waiting = lockRow;
                    break;
                case MARIADB:
                    // innodb_lock_wait_timeout counts whole seconds; 1 is its least.
                    waiting = "SET STATEMENT innodb_lock_wait_timeout=1 FOR " + lockRow;
                    break;
                default:
                    waiter.execute(Sql.text("SET LOCK_TIMEOUT 100"));
                    waiting = lockRow;
            }

            LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
                    () -> waiter.execute(Sql.text(waiting)).all());

            assertThat(timeout).as("the waiting statement's failure").isNotNull();
            assertThat(timeout.code()).isEqualTo("ATH-E101");
            assertThat(timeout.sqlState()).as("SQLState").isEqualTo(lockTimeoutState(db));
            assertThat(timeout.vendorCode()).as("vendor code").isEqualTo(lockTimeoutVendorCode(db));
            assertThat(timeout.getMessage()).isEqualTo("[ATH-E101] A lock could not be obtained in time: another"
                    + " transaction holds the row or table, and the wait exceeded " + lockTimeoutSetting(db) + " (or"
                    + " the statement asked for NOWAIT): " + driverMessage(timeout) + "; SQL [" + waiting
                    + "]; parameters [] (SQLState " + timeout.sqlState() + ", " + db.label() + " code "
                    + timeout.vendorCode() + "). Roll back and run the transaction again once the other one has ended;"
                    + " keep transactions that lock rows short, or raise the lock timeout.");

            // Once the holder ends, the same work in a new transaction gets the lock.
            holder.commit();
            waiter.rollback();
            assertThat(((Number) waiter.execute(Sql.text(lockRow)).scalar()).intValue()).isEqualTo(10);
            waiter.commit();
            System.out.printf("[fault] %s: lock timeout -> ATH-E101 (SQLState %s, code %d); retried after the holder"
                    + " committed: got the lock%n", db.label(), timeout.sqlState(), timeout.vendorCode());
        }
        assertNoConnectionCheckedOut();
    }

    @Test
    void aNegativeStatementTimeoutIsRefused() {
        ArgumentException refused = catchThrowableOfType(ArgumentException.class,
                () -> Engine.builder().url("jdbc:h2:mem:fault_settings").statementTimeout(Duration.ofSeconds(-1)).build());

        assertThat(refused.getMessage()).isEqualTo("[ATH-E017] Invalid engine setting: statementTimeout must be zero"
                + " (no timeout) or more, not PT-1S.");
    }

    // ------------------------------------------------------------------ per database

    /** A query H2 needs far longer than 1 s for: it counts 10^10 rows of a cross join. */
    private static final String SLOW_H2_QUERY =
            "select count(*) from system_range(1, 100000) a, system_range(1, 100000) b";

    private static String slowStatement(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return "select pg_sleep(5)";
            case MARIADB:
                return "select sleep(5)";
            default:
                return SLOW_H2_QUERY;
        }
    }

    private static int vendorCodeOfStatementTimeout(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return 0;
            case MARIADB:
                return 1969;
            default:
                return 57014;
        }
    }

    private static String statementTimeoutSetting(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return "PostgreSQL's statement_timeout";
            case MARIADB:
                return "MariaDB's max_statement_time";
            default:
                return "H2's QUERY_TIMEOUT";
        }
    }

    private static String lockTimeoutState(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return "55P03";
            case MARIADB:
                return "HY000";
            default:
                return "HYT00";
        }
    }

    private static int lockTimeoutVendorCode(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return 0;
            case MARIADB:
                return 1205;
            default:
                return 50200;
        }
    }

    private static String lockTimeoutSetting(TestDatabase db) {
        switch (db.kind()) {
            case POSTGRESQL:
                return "PostgreSQL's lock_timeout";
            case MARIADB:
                return "innodb_lock_wait_timeout";
            default:
                return "H2's LOCK_TIMEOUT";
        }
    }

    private static String driverMessage(DatabaseException error) {
        return ((SQLException) error.getCause()).getMessage().strip();
    }

    private void open(TestDatabase db, Engine built) {
        engine = db.track(built);
        sessions = SessionFactory.of(engine, Registry.of());
    }

    private void assertNoConnectionCheckedOut() {
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
    }
}
