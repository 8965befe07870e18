package io.athanor.orm.reliability;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.Backends;
import io.athanor.orm.reliability.FaultConnectionLostTest.FaultOrder;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database goes down while the application runs, and comes back: requests fail with a clear error
 * while it is down, and work again once it is back, with the same engine (no application restart).
 *
 * <p>The shared test servers cannot be stopped without disturbing other tests, so the engine reaches the
 * database through a {@link DatabaseOutage} relay, which closes every connection and refuses new ones while
 * "down": to the driver, exactly a stopped server. H2 is reached through its TCP server for the same
 * reason.
 */
@Tag("heavy")
class FaultDatabaseDownTest {

    private static final Pattern SERVER_URL = Pattern.compile("^(jdbc:[a-z]+://)([^/:?]+)(?::(\\d+))?(/.*)$");
    /**
     * While the database is down, HikariCP keeps trying to open connections in the background, waiting twice
     * as long after each failure, up to 5 s. A request made just after the database is back waits for the end
     * of that pause; a poolTimeout longer than it lets that request succeed.
     */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(6);
    private static final int REQUESTS_WHILE_DOWN = 3;
    /** What each driver says when nothing listens at the database's address. */
    private static final Map<DatabaseKind, String> REFUSED = Map.of(
            DatabaseKind.H2, "Connection refused",
            DatabaseKind.POSTGRESQL, "refused. Check that the hostname and port are correct",
            DatabaseKind.MARIADB, "Connection refused");

    private DatabaseOutage outage;
    private Server h2Server;

    @AfterEach
    void bringEverythingDown() throws Exception {
        if (outage != null) {
            outage.close();
        }
        if (h2Server != null) {
            h2Server.stop();
        }
    }

    @AcrossDatabases
    void whileTheDatabaseIsDownRequestsFailClearlyAndOnceItIsBackTheyWorkWithTheSameEngine(TestDatabase db)
            throws Exception {
        String url = relayedUrl(db);
        Engine engine = db.track(db.engineBuilder().url(url).poolSize(2).maxOverflow(0)
                .poolTimeout(POOL_TIMEOUT).build());
        Registry registry = Registry.of(FaultOrder.class, FaultConnectionLostTest.FaultLine.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);

        try (Session active = sessions.openSession()) {
            active.add(new FaultOrder("before"));
            active.flush();

            outage.stop();
            long downAt = System.nanoTime();

            // The session using a connection at that moment: its transaction is gone.
            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                    () -> Backends.id(db, active));
            assertThat(lost).as("the active session's next statement").isNotNull();
            assertThat(lost.getMessage()).startsWith("[ATH-E097] The connection to the database was lost: ");
            active.rollback();

            // Requests while it is down, at once: each fails once the pool has tried for poolTimeout, and says why.
            ExecutorService requests = Executors.newFixedThreadPool(REQUESTS_WHILE_DOWN);
            List<Future<Throwable>> outcomes = new ArrayList<>();
            long requestsStarted = System.nanoTime();
            for (int request = 0; request < REQUESTS_WHILE_DOWN; request++) {
                outcomes.add(requests.submit(() -> catchThrowable(() -> {
                    try (Session session = sessions.openSession()) {
                        session.add(new FaultOrder("while down"));
                        session.commit();
                    }
                })));
            }
            for (Future<Throwable> outcome : outcomes) {
                Throwable down = outcome.get(1, TimeUnit.MINUTES);
                assertThat(down).as("a request while the database is down").isExactlyInstanceOf(DatabaseException.class);
                assertThat(((DatabaseException) down).code()).isEqualTo("ATH-E011");
                assertThat(down.getMessage()).startsWith("[ATH-E011] Could not get a connection from Engine(" + url
                                + ") as user '" + db.username() + "': ")
                        .contains(REFUSED.get(db.kind()))
                        .endsWith(" (the pool kept trying for " + POOL_TIMEOUT.toMillis() + " ms, its poolTimeout)."
                                + " Check that the database is running and reachable, and the URL and credentials.");
            }
            long failedAfterNanos = System.nanoTime() - requestsStarted;
            requests.shutdown();

            outage.start();
            long upAt = System.nanoTime();

            // Back: a new session works at once, and so does the session that failed, after its rollback.
            try (Session next = sessions.openSession()) {
                next.add(new FaultOrder("after"));
                next.commit();
            }
            long recoveredAfterNanos = System.nanoTime() - upAt;
            active.add(new FaultOrder("retried"));
            active.commit();

            try (Session check = sessions.openSession()) {
                assertThat(check.execute(Sql.text("select customer from fault_orders order by id")).scalars(String.class).all())
                        .as("rows kept: the transaction open at the outage and the requests while down left none")
                        .containsExactly("after", "retried");
            }
            System.out.printf("[fault] %s: database down %.1f s: the active session failed with ATH-E097, %d concurrent"
                            + " requests failed with ATH-E011 after %.0f ms (poolTimeout %d ms); back: the next session"
                            + " committed %.0f ms after, same engine%n", db.label(), (upAt - downAt) / 1e9,
                    REQUESTS_WHILE_DOWN, failedAfterNanos / 1e6, POOL_TIMEOUT.toMillis(), recoveredAfterNanos / 1e6);
        }
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
    }

    /** The test database's URL, pointed at a relay in front of its server. */
    private String relayedUrl(TestDatabase db) throws Exception {
        String url = db.url();
        if (db.kind() == DatabaseKind.H2) {
            h2Server = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
            outage = new DatabaseOutage("127.0.0.1", h2Server.getPort());
            return url.replace("jdbc:h2:mem:", "jdbc:h2:tcp://127.0.0.1:" + outage.port() + "/mem:");
        }
        Matcher server = SERVER_URL.matcher(url);
        assertThat(server.matches()).as("a host:port URL: " + url).isTrue();
        int port = server.group(3) != null ? Integer.parseInt(server.group(3))
                : db.kind() == DatabaseKind.POSTGRESQL ? 5432 : 3306;
        outage = new DatabaseOutage(server.group(2), port);
        return server.group(1) + "127.0.0.1:" + outage.port() + server.group(4);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
