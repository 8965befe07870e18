package io.athanor.orm.reliability;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.Backends;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database restarts while the application runs, simulated without stopping the shared server: every
 * server session of the test's pool is ended from another connection (PostgreSQL
 * {@code pg_terminate_backend}, MariaDB {@code KILL CONNECTION}, H2 {@code ABORT_SESSION}), which is what
 * a restart does to a pool. The application is not restarted and the engine is not rebuilt.
 *
 * <ul>
 *   <li>Connections idle in the pool at the time are tested by HikariCP before it hands them out again
 *   (for one idle longer than its half-second "alive bypass" window) and replaced: the next session just
 *   works.</li>
 *   <li>A session using a connection at the time fails once, with {@link ConnectionLostException}; the
 *   engine then has the pool discard its other connections too, so that the next session works at once
 *   even with a dead connection returned to the pool moments before, which HikariCP would not have
 *   tested.</li>
 * </ul>
 */
class FaultDatabaseRestartTest {

    /**
     * HikariCP does not test a connection used within the last 500 ms (its {@code aliveBypassWindowMs}) when
     * handing it out; a real restart takes longer than that. The test waits this long after the fault.
     */
    private static final long LONGER_THAN_HIKARIS_ALIVE_BYPASS_WINDOW_MS = 600;

    private Engine engine;
    private SessionFactory sessions;

    @AcrossDatabases
    void afterARestartWhileThePoolWasIdleTheNextSessionsWorkWithoutAnError(TestDatabase db) throws Exception {
        open(db);
        List<Long> killed = bothPoolConnectionsInUse(db);
        for (long id : killed) {
            Backends.kill(db, id);
        }
        Thread.sleep(LONGER_THAN_HIKARIS_ALIVE_BYPASS_WINDOW_MS);
        long restartedAt = System.nanoTime();

        // Two sessions at once need both pool connections: each must be a new one.
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            long firstId = Backends.id(db, first);
            long recovered = System.nanoTime() - restartedAt;
            long secondId = Backends.id(db, second);

            assertThat(Set.of(firstId, secondId)).as("server sessions after the restart").hasSize(2)
                    .doesNotContainAnyElementsOf(killed);
            System.out.printf("[fault] %s: %d idle pool connections ended (%s); the next session worked at the first"
                    + " attempt, %.0f ms after, on session %d%n", db.label(), killed.size(), killed, recovered / 1e6,
                    firstId);
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aSessionInUseDuringARestartFailsOnceAndTheNextSessionWorksAtOnce(TestDatabase db) throws Exception {
        open(db);
        long inUse;
        long returned;
        try (Session active = sessions.openSession()) {
            inUse = Backends.id(db, active);
            try (Session finished = sessions.openSession()) {
                returned = Backends.id(db, finished);
                // Its connection goes back to the pool now: alive, and used a moment ago.
                finished.commit();
            }
            Backends.kill(db, inUse);
            Backends.kill(db, returned);
            long restartedAt = System.nanoTime();

            ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                    () -> Backends.id(db, active));
            assertThat(lost).as("the active session's next statement").isNotNull();
            assertThat(lost.code()).isEqualTo("ATH-E097");
            assertThat(lost.sqlState()).isEqualTo(Backends.lostState(db));
            assertThat(lost.getMessage()).startsWith("[ATH-E097] The connection to the database was lost: ")
                    .endsWith(FaultConnectionLostTest.LOST_ADVICE);
            active.rollback();

            // Straight away: the connection returned to the pool just before the restart was discarded with the
            // lost one, although HikariCP would not test a connection used so recently.
            try (Session next = sessions.openSession()) {
                long nextId = Backends.id(db, next);
                long recovered = System.nanoTime() - restartedAt;
                assertThat(nextId).as("server session of the next session").isNotIn(inUse, returned);
                // And the session that failed works again after its rollback, on a new connection too.
                long againId = Backends.id(db, active);
                assertThat(againId).as("server session of the failed session after rollback")
                        .isNotIn(inUse, returned, nextId);
                System.out.printf("[fault] %s: restart with one session active and one connection just returned:"
                                + " 1 failure (ATH-E097, SQLState %s), next session worked %.0f ms after the restart%n",
                        db.label(), lost.sqlState(), recovered / 1e6);
            }
        }
        assertNoConnectionCheckedOut();
    }

    private void open(TestDatabase db) {
        engine = db.track(db.engineBuilder().poolSize(2).maxOverflow(0).build());
        sessions = SessionFactory.of(engine, Registry.of());
    }

    /** Makes the pool open both its connections, and returns their server sessions' ids. */
    private List<Long> bothPoolConnectionsInUse(TestDatabase db) {
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            return List.of(Backends.id(db, first), Backends.id(db, second));
        }
    }

    private void assertNoConnectionCheckedOut() {
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
    }
}
