package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.PoolTimeoutException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * More sessions at once than the pool has connections: the one that waits fails after the configured
 * {@code poolTimeout} with {@link PoolTimeoutException} ({@code ATH-E098}) naming the pool, its size and
 * the likely cause, and works once a connection is returned. And leak detection: a connection held longer
 * than {@code leakDetectionThreshold} is reported with where it was checked out. Afterwards no connection
 * is checked out. The only elapsed-time check is that a waiting session gave up no sooner than the
 * configured {@code poolTimeout} (and well before the 30 s default).
 */
class PoolExhaustionTest {

    private Engine engine;
    private SessionFactory sessions;

    @AcrossDatabases
    void aSessionWaitingLongerThanPoolTimeoutFailsNamingThePoolItsSizeAndTheLikelyCause(TestDatabase db) {
        open(db, db.engineBuilder().poolSize(2).maxOverflow(0).poolTimeout(Duration.ofMillis(300))
                .poolName("exhaustion-" + db.label()).build());
        try (Session first = sessions.openSession(); Session second = sessions.openSession();
             Session third = sessions.openSession()) {
            first.execute(Sql.text("select 1"));
            second.execute(Sql.text("select 1"));

            PoolTimeoutException exhausted = catchThrowableOfType(PoolTimeoutException.class,
                    () -> third.execute(Sql.text("select 1")));

            assertThat(exhausted).as("the third session's failure").isNotNull();
            assertThat(exhausted.code()).isEqualTo("ATH-E098");
            assertThat(exhausted.getMessage()).isEqualTo("[ATH-E098] No connection available from pool 'exhaustion-"
                    + db.label() + "' within 300 ms (poolTimeout): all 2 of its connections (poolSize 2 + maxOverflow"
                    + " 0) are in use. An open Session holds its connection from its first statement until commit(),"
                    + " rollback() or close(), and a Connection until close(): are sessions and connections being"
                    + " closed, preferably with try-with-resources? Is a transaction waiting on something slow while it"
                    + " holds one? EngineBuilder.leakDetectionThreshold(..) logs where connections are held too long. If"
                    + " the load is genuine, raise poolSize or maxOverflow (within the database's connection limit) or"
                    + " the timeout.");
            assertThat(exhausted.getCause()).as("HikariCP's exception").isInstanceOf(SQLTransientConnectionException.class);
            assertThat(exhausted.sql()).isNull();
            System.out.printf("[fault] %s: 3 sessions on a pool of 2: the third failed after poolTimeout 300 ms with"
                    + " ATH-E098 (HikariCP: %s)%n", db.label(), exhausted.getCause().getMessage());
        }
        assertAllConnectionsReturned();
    }

    @AcrossDatabases
    void concurrentSessionsBeyondThePoolSizeWaitForPoolTimeoutAndThenFail(TestDatabase db) throws Exception {
        int poolSize = 2;
        int threads = 5;
        Duration poolTimeout = Duration.ofMillis(300);
        open(db, db.engineBuilder().poolSize(poolSize).maxOverflow(0).poolTimeout(poolTimeout).build());
        CountDownLatch allFailuresIn = new CountDownLatch(threads - poolSize);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        List<Future<Long>> waits = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                // Each returns how long its checkout waited before failing, or -1 when it got a connection.
                waits.add(workers.submit(() -> {
                    try (Session session = sessions.openSession()) {
                        long started = System.nanoTime();
                        try {
                            session.execute(Sql.text("select 1"));
                        } catch (PoolTimeoutException exhausted) {
                            allFailuresIn.countDown();
                            return System.nanoTime() - started;
                        }
                        // Holds its connection until every waiting session has failed.
                        assertThat(allFailuresIn.await(30, TimeUnit.SECONDS)).as("all waiting sessions failed").isTrue();
                        return -1L;
                    }
                }));
            }
            List<Long> failedAfter = new ArrayList<>();
            for (Future<Long> wait : waits) {
                long nanos = wait.get(1, TimeUnit.MINUTES);
                if (nanos >= 0) {
                    failedAfter.add(TimeUnit.NANOSECONDS.toMillis(nanos));
                }
            }

            assertThat(failedAfter).as("sessions that got no connection").hasSize(threads - poolSize);
            // The configured timeout is honoured: none gave up before it (the default would be 30 s).
            assertThat(failedAfter).allSatisfy(millis -> assertThat(millis).isBetween(poolTimeout.toMillis(), 29_000L));
            System.out.printf("[fault] %s: %d concurrent sessions on a pool of %d: %d got a connection, %d failed with"
                            + " ATH-E098 after %s ms (poolTimeout %d ms)%n", db.label(), threads, poolSize, poolSize,
                    failedAfter.size(), failedAfter, poolTimeout.toMillis());
        } finally {
            workers.shutdownNow();
        }
        assertAllConnectionsReturned();
    }

    @Test
    void leakDetectionIsOffUnlessAThresholdIsSet() {
        try (Engine plain = Engine.create("jdbc:h2:mem:leaks_off");
             Engine watched = Engine.builder().url("jdbc:h2:mem:leaks_on").leakDetectionThreshold(Duration.ofSeconds(10))
                     .build();
             Engine zero = Engine.builder().url("jdbc:h2:mem:leaks_zero").leakDetectionThreshold(Duration.ZERO).build()) {
            assertThat(plain.detectsLeaks()).isFalse();
            assertThat(watched.detectsLeaks()).isTrue();
            assertThat(zero.detectsLeaks()).as("Duration.ZERO turns it off").isFalse();
        }
    }

    @AcrossDatabases
    void theSessionThatTimedOutWorksOnceAConnectionIsReturned(TestDatabase db) {
        open(db, db.engineBuilder().poolSize(1).maxOverflow(0).poolTimeout(Duration.ofMillis(300)).build());
        try (Session waiting = sessions.openSession()) {
            try (Session holding = sessions.openSession()) {
                holding.execute(Sql.text("select 1"));
                catchThrowableOfType(PoolTimeoutException.class, () -> waiting.execute(Sql.text("select 1")));
            }

            assertThat(((Number) waiting.execute(Sql.text("select 1")).scalar()).intValue())
                    .as("the same session once the other one closed").isEqualTo(1);
        }
        assertAllConnectionsReturned();
    }

    @AcrossDatabases
    void aConnectionHeldLongerThanLeakDetectionThresholdIsLoggedWithWhereItWasCheckedOut(TestDatabase db)
            throws Exception {
        open(db, db.engineBuilder().leakDetectionThreshold(Duration.ofMillis(100)).poolName("leaks-" + db.label())
                .build());
        int openedAt = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        try (EngineLog log = new EngineLog(); Session session = sessions.openSession()) {
            int checkedOutAt = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            session.execute(Sql.text("select 1"));

            ILoggingEvent warning = log.awaitWarning();

            String thread = Thread.currentThread().getName();
            assertThat(warning.getFormattedMessage()).isEqualTo("[ATH-E099] A connection of pool 'leaks-" + db.label()
                    + "' has been checked out for more than 100 ms (leakDetectionThreshold) and is still in use; it was"
                    + " checked out by thread '" + thread + "' at " + PoolExhaustionTest.class.getName()
                    + ".aConnectionHeldLongerThanLeakDetectionThresholdIsLoggedWithWhereItWasCheckedOut(PoolExhaustionTest"
                    + ".java:" + checkedOutAt + "), for a session opened at " + PoolExhaustionTest.class.getName()
                    + ".aConnectionHeldLongerThanLeakDetectionThresholdIsLoggedWithWhereItWasCheckedOut(PoolExhaustionTest"
                    + ".java:" + openedAt + ") (stack traces below). An open Session holds its connection from its"
                    + " first statement until commit(), rollback() or close(), and a Connection until close(): close"
                    + " them, preferably with try-with-resources. If such long work is intended, raise"
                    + " leakDetectionThreshold.");
            IThrowableProxy where = warning.getThrowableProxy();
            assertThat(where.getMessage()).isEqualTo("The connection was checked out here, by thread '" + thread + "'");
            assertThat(Arrays.stream(where.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getSTEAsString)
                    .collect(Collectors.toList())).as("the logged stack trace").contains(
                    "at io.athanor.orm.session.Session.connection(Session.java:" + sessionConnectionLine(where) + ")",
                    "at " + PoolExhaustionTest.class.getName()
                            + ".aConnectionHeldLongerThanLeakDetectionThresholdIsLoggedWithWhereItWasCheckedOut"
                            + "(PoolExhaustionTest.java:" + checkedOutAt + ")");
            IThrowableProxy opened = where.getCause();
            assertThat(opened.getMessage()).isEqualTo("The session was opened here, by thread '" + thread + "'");
            assertThat(Arrays.stream(opened.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getSTEAsString)
                    .collect(Collectors.toList())).as("the logged stack trace of the session's opening").contains(
                    "at " + PoolExhaustionTest.class.getName()
                            + ".aConnectionHeldLongerThanLeakDetectionThresholdIsLoggedWithWhereItWasCheckedOut"
                            + "(PoolExhaustionTest.java:" + openedAt + ")");

            session.commit();
            assertThat(log.messages(Level.INFO)).as("what is logged when the connection is returned").hasSize(1)
                    .allSatisfy(message -> assertThat(message).matches("A connection of pool 'leaks-" + db.label()
                            + "' reported as held too long \\(ATH-E099\\) was returned after \\d+ ms\\."));
            System.out.printf("[fault] %s: connection held past leakDetectionThreshold 100 ms: 1 ATH-E099 warning"
                    + " naming the test's lines %d (checked out) and %d (session opened)%n", db.label(), checkedOutAt,
                    openedAt);
        }
        assertAllConnectionsReturned();
    }

    @Test
    void aNegativeLeakDetectionThresholdIsRefused() {
        ArgumentException refused = catchThrowableOfType(ArgumentException.class,
                () -> Engine.builder().url("jdbc:h2:mem:leak_settings").leakDetectionThreshold(Duration.ofMillis(-1))
                        .build());

        assertThat(refused.getMessage()).isEqualTo("[ATH-E017] Invalid engine setting: leakDetectionThreshold must be"
                + " zero (off) or more, not PT-0.001S.");
    }

    // ------------------------------------------------------------------ helpers

    /** The line of Session.connection() in the logged trace, whatever it is: only the frame's presence matters. */
    private static String sessionConnectionLine(IThrowableProxy where) {
        for (StackTraceElementProxy frame : where.getStackTraceElementProxyArray()) {
            StackTraceElement element = frame.getStackTraceElement();
            if (element.getClassName().equals("io.athanor.orm.session.Session")
                    && element.getMethodName().equals("connection")) {
                return String.valueOf(element.getLineNumber());
            }
        }
        return "(missing)";
    }

    private void open(TestDatabase db, Engine built) {
        engine = db.track(built);
        sessions = SessionFactory.of(engine, Registry.of());
    }

    private void assertAllConnectionsReturned() {
        HikariPoolMXBean pool = ((HikariDataSource) engine.dataSource()).getHikariPoolMXBean();
        assertThat(pool.getActiveConnections()).as("connections checked out of the pool").isZero();
        assertThat(pool.getThreadsAwaitingConnection()).as("threads waiting for a connection").isZero();
    }

    /** The engine logger's events, with their stack traces, captured during a test. */
    private static final class EngineLog implements AutoCloseable {
        /** Only turns a missing warning into a failure: it comes 100 ms after the check-out. */
        private static final long WAIT_LIMIT_MS = 10_000;

        private final Logger logger = (Logger) LoggerFactory.getLogger("io.athanor.orm.engine");
        private final Level previousLevel = logger.getLevel();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        EngineLog() {
            logger.setLevel(Level.INFO);
            appender.start();
            logger.addAppender(appender);
        }

        /** Waits for the leak detector's warning, which its own thread logs. */
        ILoggingEvent awaitWarning() throws InterruptedException {
            long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
            while (System.currentTimeMillis() < deadline) {
                List<ILoggingEvent> warnings = events(Level.WARN);
                if (!warnings.isEmpty()) {
                    assertThat(warnings).as("warnings logged").hasSize(1);
                    return warnings.get(0);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("No leak warning within " + WAIT_LIMIT_MS + " ms; logged: " + messages(null));
        }

        List<ILoggingEvent> events(Level level) {
            synchronized (appender) {
                return new ArrayList<>(appender.list).stream().filter(event -> level == null || event.getLevel() == level)
                        .collect(Collectors.toList());
            }
        }

        List<String> messages(Level level) {
            return events(level).stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(previousLevel);
        }
    }
}
