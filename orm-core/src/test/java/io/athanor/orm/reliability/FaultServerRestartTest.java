package io.athanor.orm.reliability;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.FaultOrder;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.IsolatedDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database server is really stopped and started again while the application runs: the engine, its
 * pool and the session that was in a transaction at the time all carry on without a restart of the
 * application. The server is stopped and started with shell commands given in
 * {@code ATHANOR_TEST_POSTGRESQL_STOP}/{@code _START} and {@code ATHANOR_TEST_MARIADB_STOP}/{@code _START}
 * ({@code .ci/run} sets them to {@code pg_ctlcluster} and {@code start-stop-daemon}); without them the
 * test is skipped, saying so. {@link FaultDatabaseDownTest} covers the same on every database without
 * touching the servers.
 */
@Tag("heavy")
class FaultServerRestartTest {

    /** Longer than HikariCP's back-off between attempts to reconnect (at most 5 s), see FaultDatabaseDownTest. */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(6);
    private static final long SERVER_WAIT_SECONDS = 60;

    @Test
    void postgresqlStoppedAndStartedAgainFailsRequestsClearlyWhileDownAndServesThemOnceBack() throws Exception {
        restartWithConfiguredCommands(DatabaseKind.POSTGRESQL);
    }

    @Test
    void mariadbStoppedAndStartedAgainFailsRequestsClearlyWhileDownAndServesThemOnceBack() throws Exception {
        restartWithConfiguredCommands(DatabaseKind.MARIADB);
    }

    private static void restartWithConfiguredCommands(DatabaseKind kind) throws Exception {
        String stop = System.getenv(variable(kind, "STOP"));
        String start = System.getenv(variable(kind, "START"));
        Assumptions.assumeTrue(stop != null && start != null, () -> "skipped: no commands to stop and start the "
                + kind.label() + " server; set " + variable(kind, "STOP") + " and " + variable(kind, "START")
                + " (as .ci/run does)");
        restart(kind, stop, start);
    }

    private static String variable(DatabaseKind kind, String action) {
        return "ATHANOR_TEST_" + kind.label().toUpperCase(Locale.ROOT) + "_" + action;
    }

    private static void restart(DatabaseKind kind, String stop, String start) throws Exception {
        try (IsolatedDatabase database = IsolatedDatabase.create(kind);
             Engine engine = Engine.builder().url(database.url()).username(database.username())
                     .password(database.password()).poolSize(2).maxOverflow(0).poolTimeout(POOL_TIMEOUT).build()) {
            Registry registry = Registry.of(FaultOrder.class, FaultConnectionLostTest.FaultLine.class);
            registry.metadata().createAll(engine);
            SessionFactory sessions = SessionFactory.of(engine, registry);
            boolean down = false;
            try (Session active = sessions.openSession()) {
                active.add(new FaultOrder("before"));
                active.flush();

                long stopping = System.nanoTime();
                // Set first: if the stop command fails half-way, the server is started again all the same.
                down = true;
                run(stop);
                awaitServer(database, false);
                long stopped = System.nanoTime();

                ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                        () -> active.execute(Sql.text("select count(*) from fault_orders")).scalar());
                assertThat(lost).as("the active session's next statement").isNotNull();
                assertThat(lost.getMessage()).startsWith("[ATH-E097] The connection to the database was lost: ");
                active.rollback();

                long requested = System.nanoTime();
                DatabaseException refused = catchThrowableOfType(DatabaseException.class, () -> {
                    try (Session session = sessions.openSession()) {
                        session.add(new FaultOrder("while down"));
                        session.commit();
                    }
                });
                long failedAfter = System.nanoTime() - requested;
                assertThat(refused).as("a request while the server is down").isExactlyInstanceOf(DatabaseException.class);
                assertThat(refused.getMessage()).startsWith("[ATH-E011] Could not get a connection from Engine(")
                        .contains("refused")
                        .endsWith(" (the pool kept trying for " + POOL_TIMEOUT.toMillis() + " ms, its poolTimeout)."
                                + " Check that the database is running and reachable, and the URL and credentials.");

                long starting = System.nanoTime();
                run(start);
                awaitServer(database, true);
                down = false;
                long up = System.nanoTime();

                try (Session next = sessions.openSession()) {
                    next.add(new FaultOrder("after"));
                    next.commit();
                }
                long recovered = System.nanoTime() - up;
                active.add(new FaultOrder("retried"));
                active.commit();

                try (Session check = sessions.openSession()) {
                    assertThat(check.execute(Sql.text("select customer from fault_orders order by id"))
                            .scalars(String.class).all()).containsExactly("after", "retried");
                }
                System.out.printf("[fault] %s: server stopped (%.1f s) and started again (%.1f s) for real: the active"
                                + " session failed with ATH-E097, a request while down with ATH-E011 after %.0f ms; back:"
                                + " the next session committed %.0f ms after, same engine%n", kind.label(),
                        (stopped - stopping) / 1e9, (up - starting) / 1e9, failedAfter / 1e6, recovered / 1e6);
            } catch (Exception | AssertionError failure) {
                if (down) {
                    // Whatever failed, the other tests need the server; the first failure is the one to report.
                    try {
                        run(start);
                        awaitServer(database, true);
                    } catch (Exception | AssertionError alsoFailed) {
                        failure.addSuppressed(alsoFailed);
                    }
                }
                throw failure;
            }
            HikariDataSource pool = (HikariDataSource) engine.dataSource();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out").isZero();
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        // Output to a file: a server started in the background may keep a pipe open for ever.
        java.io.File output = java.io.File.createTempFile("athanor-server-command", ".log");
        output.deleteOnExit();
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(output).start();
        if (!process.waitFor(SERVER_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'" + command + "' did not finish within " + SERVER_WAIT_SECONDS + " s");
        }
        assertThat(process.exitValue()).as("exit status of '%s': %s", command,
                java.nio.file.Files.readString(output.toPath())).isZero();
    }

    /** Waits until the server accepts a connection ({@code up}) or refuses one (not {@code up}). */
    private static void awaitServer(IsolatedDatabase database, boolean up) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean accepts;
            try (java.sql.Connection probe = DriverManager.getConnection(database.url(), database.username(),
                    database.password())) {
                accepts = true;
            } catch (SQLException refused) {
                accepts = false;
            }
            if (accepts == up) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The server did not " + (up ? "come up" : "go down") + " within "
                + SERVER_WAIT_SECONDS + " s");
    }
}
