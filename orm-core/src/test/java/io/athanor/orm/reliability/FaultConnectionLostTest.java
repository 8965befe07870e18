package io.athanor.orm.reliability;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.NestedTransaction;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.session.MapperListener;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database ends a connection's session while the application uses it, produced for real: another
 * connection terminates the session's server process (PostgreSQL {@code pg_terminate_backend}, MariaDB
 * {@code KILL CONNECTION}, H2 {@code ABORT_SESSION}), as a server restart or an administrator would.
 *
 * <p>The failing call raises {@link ConnectionLostException} ({@code ATH-E097}) saying that the
 * connection was lost and the database rolled the transaction back; nothing of the transaction is kept;
 * the session refuses other work until it is rolled back, and the rollback succeeds although the
 * connection is dead; the pool discards the dead connection; the next work gets a fresh connection.
 * The fault and the time from it to the next successful statement are printed.
 */
class FaultConnectionLostTest {

    /** What every ATH-E097 outside COMMIT says after the driver's message and the SQLState. */
    static final String LOST_ADVICE = " The database rolls back the transaction of a lost connection, so none of"
            + " the transaction's uncommitted work was kept. Roll back (session.rollback() or conn.rollback(); a lost"
            + " connection allows it) and run the transaction again: the pool replaces the connection. If it happens"
            + " often, check that the database is up and reachable, and its timeouts for idle connections.";

    @Table("fault_orders")
    static class FaultOrder {
        @Column(primaryKey = true) private Long id;
        @Column(length = 20, nullable = false) private String customer;

        FaultOrder() {
        }

        FaultOrder(String customer) {
            this.customer = customer;
        }

        Long getId() {
            return id;
        }

        void setCustomer(String customer) {
            this.customer = customer;
        }
    }

    /** Rows of a second table, written by the same flush after the orders (its foreign key orders the two). */
    @Table("fault_order_lines")
    static class FaultLine {
        @Column(primaryKey = true) private Long id;
        @Column(name = "order_id") @ForeignKey("fault_orders.id") private Long orderId;
        @Column(length = 20, nullable = false) private String item;

        FaultLine() {
        }

        FaultLine(String item) {
            this.item = item;
        }
    }

    private Engine engine;
    private SessionFactory sessions;
    /** The server session to end at the first afterInsert of a flush; null for none. */
    private volatile Long killAtFirstInsert;
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final List<String> insertedTablesBeforeKill = new ArrayList<>();

    @AcrossDatabases
    void aConnectionKilledBetweenTheTwoTablesOfAFlushLeavesNoRowsAndTheSessionRecoversAfterRollback(TestDatabase db)
            throws Exception {
        open(db);
        try (HikariLog hikari = new HikariLog(); Session session = sessions.openSession()) {
            long victim = Backends.id(db, session);
            session.addAll(List.of(new FaultOrder("ann"), new FaultOrder("bob"), new FaultOrder("cy"),
                    new FaultLine("pen"), new FaultLine("ink"), new FaultLine("pad")));
            killAtFirstInsert = victim;

            long killedAt = System.nanoTime();
            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class, session::flush);

            assertThat(faultsInjected.get()).as("sessions terminated").isEqualTo(1);
            assertThat(insertedTablesBeforeKill).as("the flush's first table was written before the kill")
                    .containsExactly("fault_orders");
            assertThat(lost).as("the flush's failure").isNotNull();
            assertThat(lost.code()).isEqualTo("ATH-E097");
            assertThat(lost.sqlState()).as("SQLState").isEqualTo(Backends.lostState(db));
            assertThat(lost.sql()).as("the statement that found the connection gone")
                    .startsWithIgnoringCase("insert into fault_order_lines");
            assertThat(lost.getMessage()).startsWith("[ATH-E097] The connection to the database was lost: ")
                    .contains("(SQLState " + Backends.lostState(db) + ", " + db.label() + " code ")
                    .endsWith(LOST_ADVICE);

            // The session keeps the failure until it is rolled back: any other work is refused with it.
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, session::commit);
            assertThat(refused.code()).isEqualTo("ATH-E067");
            assertThat(refused.getMessage()).isEqualTo("[ATH-E067] This Session's transaction was rolled back because"
                    + " of an earlier error during flush: " + lost.getMessage() + " Call session.rollback() before using"
                    + " the session again; then apply the changes again.");
            assertThat(refused.getCause()).isSameAs(lost);

            session.rollback();

            // Nothing of the transaction is visible: the first table's rows went with the connection.
            assertThat(countRows(db)).as("rows of fault_orders, fault_order_lines after the failed flush")
                    .containsExactly(0L, 0L);
            // The pool (one connection at most) replaced the dead connection.
            long next = Backends.id(db, session);
            long recoveredAfter = System.nanoTime() - killedAt;
            assertThat(next).as("server session of the connection after the rollback").isNotEqualTo(victim);
            assertThat(hikari.brokenConnectionWarnings()).as("HikariCP's own eviction on the driver's SQLState")
                    .isEqualTo(Backends.hikariEvictsOnItsOwnAfterABatch(db) ? 1 : 0);

            session.addAll(List.of(new FaultOrder("ann"), new FaultLine("pen")));
            session.commit();
            assertThat(countRows(db)).as("rows after the transaction ran again").containsExactly(1L, 1L);
            System.out.printf("[fault] %s: session %d terminated after the first table of a flush: ATH-E097 (SQLState"
                            + " %s), 0 rows kept, new session %d in use %.0f ms after the kill; HikariCP evicted on its"
                            + " own: %s%n", db.label(), victim, lost.sqlState(), next, recoveredAfter / 1e6,
                    hikari.brokenConnectionWarnings() > 0);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aLostPlainConnectionRefusesWorkButRollsBackAndClosesAndTheEngineConnectsAgain(TestDatabase db)
            throws Exception {
        open(db);
        long victim;
        try (Connection conn = engine.connect()) {
            victim = Backends.id(db, conn);
            NestedTransaction savepoint = conn.beginNested();
            Backends.kill(db, victim);
            faultsInjected.incrementAndGet();

            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                    () -> conn.execute(Sql.text("select 1")));

            assertThat(lost.code()).isEqualTo("ATH-E097");
            assertThat(lost.sqlState()).isEqualTo(Backends.lostState(db));
            assertThat(conn.isConnectionLost()).as("isConnectionLost()").isTrue();
            String refusal = "[ATH-E102] This Connection was lost earlier (the cause, ATH-E097), so it cannot %s: the"
                    + " database ended its session, and the transaction with it. Call rollback() to end the transaction"
                    + " on this side (a Session then takes a new connection from the pool for its next statement);"
                    + " close() a plain Connection and get a new one with engine.connect().";
            InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                    () -> conn.execute(Sql.text("select 1")));
            assertThat(again.getMessage()).isEqualTo(String.format(refusal, "execute a statement"));
            assertThat(again.getCause()).isSameAs(lost);
            InvalidRequestException commit = catchThrowableOfType(InvalidRequestException.class, conn::commit);
            assertThat(commit.getMessage()).isEqualTo(String.format(refusal, "commit"));
            InvalidRequestException nested = catchThrowableOfType(InvalidRequestException.class, conn::beginNested);
            assertThat(nested.getMessage()).isEqualTo(String.format(refusal, "begin a savepoint"));

            // Closing what is left ends it quietly, as try-with-resources does after the failure.
            savepoint.close();
            assertThat(savepoint.isActive()).as("savepoint active after close()").isFalse();
            conn.rollback();
            assertThat(conn.inTransaction()).as("in a transaction after rollback()").isFalse();
        }
        try (Connection conn = engine.connect()) {
            assertThat(Backends.id(db, conn)).as("server session of the next connection").isNotEqualTo(victim);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aSessionWhoseQueryFoundTheConnectionLostRefusesStatementsUntilRolledBack(TestDatabase db) throws Exception {
        open(db);
        try (Session session = sessions.openSession()) {
            long victim = Backends.id(db, session);
            Backends.kill(db, victim);
            faultsInjected.incrementAndGet();

            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                    () -> session.execute(Sql.text("select count(*) from fault_orders")));
            assertThat(lost.code()).isEqualTo("ATH-E097");

            // Not a flush, so the session has no failure of its own to report: its lost connection refuses.
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                    () -> session.execute(Sql.text("select count(*) from fault_orders")));
            assertThat(refused.code()).isEqualTo("ATH-E102");
            assertThat(refused.getCause()).isSameAs(lost);

            session.rollback();
            assertThat(Backends.id(db, session)).as("server session after rollback").isNotEqualTo(victim);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aConnectionLostDuringCommitSaysTheOutcomeIsUnknownAndTheSessionCanGoOn(TestDatabase db) throws Exception {
        open(db);
        try (Session session = sessions.openSession()) {
            long victim = Backends.id(db, session);
            session.add(new FaultOrder("ann"));
            session.flush();
            Backends.kill(db, victim);
            faultsInjected.incrementAndGet();

            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class, session::commit);

            assertThat(lost.code()).isEqualTo("ATH-E097");
            assertThat(lost.sql()).as("sql()").isNull();
            assertThat(lost.getMessage()).startsWith("[ATH-E097] The connection to the database was lost during"
                            + " COMMIT: ")
                    .endsWith(" Whether the transaction was committed is unknown: the database may have committed it"
                            + " before the connection broke. Check the data (or make the transaction safe to repeat)"
                            + " before running it again; roll back the session or connection to go on (a lost"
                            + " connection allows it): the pool replaces the connection.");
            // Here the session was gone before the COMMIT was sent, so the database did roll back.
            assertThat(countRows(db)).containsExactly(0L, 0L);
            // A failed commit rolls the session back itself; it goes on with a new connection.
            assertThat(Backends.id(db, session)).isNotEqualTo(victim);
            session.add(new FaultOrder("bob"));
            session.commit();
            assertThat(countRows(db)).containsExactly(1L, 0L);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aConnectionLostDuringAFlushInsideASavepointRollsBackTheWholeTransaction(TestDatabase db) throws Exception {
        open(db);
        try (Session session = sessions.openSession()) {
            long victim = Backends.id(db, session);
            io.athanor.orm.session.Savepoint savepoint = session.beginNested();
            session.add(new FaultOrder("ann"));
            Backends.kill(db, victim);
            faultsInjected.incrementAndGet();

            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class, session::flush);

            // The database ended the transaction with the connection: there is no savepoint left to roll back to.
            assertThat(savepoint.isActive()).isFalse();
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, session::flush);
            assertThat(refused.code()).isEqualTo("ATH-E067");
            assertThat(refused.getCause()).isSameAs(lost);
            session.rollback();
            session.add(new FaultOrder("bob"));
            session.commit();
            assertThat(countRows(db)).containsExactly(1L, 0L);
        }
        assertNoConnectionCheckedOut();
    }

    // ------------------------------------------------------------------ helpers

    private void open(TestDatabase db) {
        // One connection at most: whatever the pool hands out after the fault, it is not the dead one unless the
        // pool kept it.
        engine = db.track(db.engineBuilder().poolSize(1).maxOverflow(0).build());
        Registry registry = Registry.of(FaultOrder.class, FaultLine.class);
        registry.metadata().createAll(engine);
        sessions = SessionFactory.builder(engine, registry)
                .mapperListener(new MapperListener<Object>() {
                    @Override
                    public void afterInsert(Session session, Object object) {
                        Long victim = killAtFirstInsert;
                        if (victim != null && faultsInjected.get() == 0) {
                            insertedTablesBeforeKill.add(object instanceof FaultOrder ? "fault_orders"
                                    : "fault_order_lines");
                            faultsInjected.incrementAndGet();
                            killAtFirstInsert = null;
                            try {
                                Backends.kill(db, victim);
                            } catch (SQLException failure) {
                                throw new AssertionError("Could not end server session " + victim, failure);
                            }
                        }
                    }
                })
                .build();
    }

    private List<Long> countRows(TestDatabase db) {
        try (Session session = sessions.openSession()) {
            return List.of(
                    ((Number) session.execute(Sql.text("select count(*) from fault_orders")).scalar()).longValue(),
                    ((Number) session.execute(Sql.text("select count(*) from fault_order_lines")).scalar()).longValue());
        }
    }

    private void assertNoConnectionCheckedOut() {
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
    }

    /** Identifies and ends server sessions, the way each database lets an administrator do it. */
    static final class Backends {

        private Backends() {
        }

        /** The server's id of the session behind the connection a Session uses (it begins one if needed). */
        static long id(TestDatabase db, Session session) {
            return ((Number) session.execute(Sql.text(idQuery(db))).scalar()).longValue();
        }

        /** The server's id of the session behind a connection. */
        static long id(TestDatabase db, Connection conn) {
            return ((Number) conn.execute(Sql.text(idQuery(db))).scalar()).longValue();
        }

        private static String idQuery(TestDatabase db) {
            switch (db.kind()) {
                case POSTGRESQL:
                    return "select pg_backend_pid()";
                case MARIADB:
                    return "select connection_id()";
                default:
                    return "select session_id()";
            }
        }

        /**
         * Ends a server session from a connection of its own and returns once it is gone, so that the next
         * statement of the victim deterministically finds it dead.
         */
        static void kill(TestDatabase db, long id) throws SQLException {
            try (java.sql.Connection admin = DriverManager.getConnection(db.url(), db.username(), db.password())) {
                switch (db.kind()) {
                    case POSTGRESQL:
                        // With a timeout, pg_terminate_backend waits until the process has exited (PostgreSQL 14+).
                        try (PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(?, 5000)")) {
                            terminate.setInt(1, (int) id);
                            try (ResultSet done = terminate.executeQuery()) {
                                done.next();
                                assertThat(done.getBoolean(1)).as("pg_terminate_backend(" + id + ")").isTrue();
                            }
                        }
                        break;
                    case MARIADB:
                        try (Statement kill = admin.createStatement()) {
                            kill.execute("KILL CONNECTION " + id);
                            awaitGone(kill, id);
                        }
                        break;
                    default:
                        try (PreparedStatement abort = admin.prepareStatement("select abort_session(?)")) {
                            abort.setInt(1, (int) id);
                            try (ResultSet done = abort.executeQuery()) {
                                done.next();
                                assertThat(done.getBoolean(1)).as("abort_session(" + id + ")").isTrue();
                            }
                        }
                }
            }
        }

        /** KILL only marks the thread; wait until the server has dropped it. */
        private static void awaitGone(Statement admin, long id) throws SQLException {
            for (int attempt = 0; attempt < 500; attempt++) {
                try (ResultSet left = admin.executeQuery("select count(*) from information_schema.processlist where id = "
                        + id)) {
                    left.next();
                    if (left.getInt(1) == 0) {
                        return;
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new AssertionError("MariaDB connection " + id + " was still listed 5 s after KILL CONNECTION");
        }

        /**
         * The SQLState with which the driver reports the next statement on a killed session: PostgreSQL's
         * admin_shutdown, MariaDB Connector/J's socket error, H2's DATABASE_CALLED_AT_SHUTDOWN.
         */
        static String lostState(TestDatabase db) {
            switch (db.kind()) {
                case POSTGRESQL:
                    return "57P01";
                case MARIADB:
                    return "08000";
                default:
                    return "90121";
            }
        }

        /**
         * Whether HikariCP evicts the connection by itself when a flush's batch INSERT finds the session gone. It
         * looks at the SQLState of the exception and of those behind getNextException() (class 08, 57P01-57P03):
         * PostgreSQL's BatchUpdateException carries 57P01. MariaDB Connector/J's carries none and has the 08000
         * as its cause, which HikariCP does not read; H2's 90121 is not one HikariCP knows. For those two the
         * engine's own eviction of a lost connection's pool is what discards it.
         */
        static boolean hikariEvictsOnItsOwnAfterABatch(TestDatabase db) {
            return db.kind() == DatabaseKind.POSTGRESQL;
        }
    }

    /** HikariCP's warnings that it marked a connection as broken, captured during a test. */
    static final class HikariLog implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari.pool.ProxyConnection");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        HikariLog() {
            appender.start();
            logger.addAppender(appender);
        }

        long brokenConnectionWarnings() {
            return messages().stream().filter(message -> message.contains("marked as broken")).count();
        }

        List<String> messages() {
            synchronized (appender) {
                return appender.list.stream().filter(event -> event.getLevel() == Level.WARN)
                        .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
