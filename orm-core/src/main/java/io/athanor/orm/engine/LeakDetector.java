package io.athanor.orm.engine;

import org.slf4j.Logger;

import java.security.CodeSource;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reports connections held longer than {@link EngineBuilder#leakDetectionThreshold}: a WARN through the
 * {@code io.athanor.orm.engine} logger, with the stack trace of where the connection was checked out,
 * and an INFO when such a connection is returned after all.
 *
 * <p>The engine does this itself rather than through HikariCP's {@code leakDetectionThreshold}: Hikari
 * refuses thresholds under 2 s, does not say which setting reported, and does not watch a pool given to
 * {@link EngineBuilder#dataSource}.
 */
final class LeakDetector {

    private static final Logger LOGGER = StatementLog.LOGGER;

    /** One daemon thread for all engines: it only wakes for connections held past their threshold. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long thresholdMillis;

    LeakDetector(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "athanor-leak-detection");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every watch is cancelled long before it is due: drop them at once rather than at their time.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Starts watching a connection just checked out; call from the thread that checked it out.
     *
     * @param poolName the pool's name, for the message
     * @param holder what holds the connection (e.g. "a session"), or null
     * @param openedAt where the holder was opened, or null
     * @return the watch, to be told when the connection is returned
     */
    Watch watch(String poolName, String holder, Throwable openedAt) {
        return new Watch(poolName, holder, openedAt);
    }

    /** Where a connection was checked out: logged as the "exception" of the warning, for its stack trace. */
    static final class CheckedOutHere extends Exception {
        private static final long serialVersionUID = 1L;

        CheckedOutHere(String thread) {
            super("The connection was checked out here, by thread '" + thread + "'");
        }
    }

    /** One checked-out connection. */
    final class Watch implements Runnable {
        private final String poolName;
        private final long checkedOut = System.nanoTime();
        private final String thread = Thread.currentThread().getName();
        private final CheckedOutHere where;
        private final String holder;
        private final Throwable openedAt;
        private final Future<?> task;
        private volatile boolean reported;

        private Watch(String poolName, String holder, Throwable openedAt) {
            this.poolName = poolName;
            this.holder = holder;
            this.openedAt = openedAt;
            this.where = new CheckedOutHere(thread);
            if (openedAt != null) {
                // Logged as "Caused by": the second stack trace, of where the holder was opened.
                where.initCause(openedAt);
            }
            this.task = TIMER.schedule(this, thresholdMillis, TimeUnit.MILLISECONDS);
        }

        /** The threshold passed and the connection is still out. */
        @Override
        public void run() {
            reported = true;
            String caller = applicationFrame(where.getStackTrace());
            String opener = openedAt == null ? null : applicationFrame(openedAt.getStackTrace());
            String heldBy = openedAt == null ? "" : ", for " + (holder == null ? "what was" : holder)
                    + " opened" + (opener == null ? "" : " at " + opener);
            LOGGER.warn("[ATH-E099] A connection of pool '{}' has been checked out for more than {} ms"
                            + " (leakDetectionThreshold) and is still in use; it was checked out by thread '{}'{}{} (stack"
                            + " {} below). An open Session holds its connection from its first statement until"
                            + " commit(), rollback() or close(), and a Connection until close(): close them, preferably"
                            + " with try-with-resources. If such long work is intended, raise leakDetectionThreshold.",
                    poolName, thresholdMillis, thread, caller == null ? "" : " at " + caller, heldBy,
                    openedAt == null ? "trace" : "traces", where);
        }

        /** The connection went back to the pool. */
        void returned() {
            task.cancel(false);
            if (reported) {
                LOGGER.info("A connection of pool '{}' reported as held too long (ATH-E099) was returned after {} ms.",
                        poolName, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checkedOut));
            }
        }
    }

    /**
     * The first frame of the application's code: neither Athanor's own (the classes from the same jar or
     * directory as the engine) nor the JDK's. That is the line to look at; the full trace is logged too.
     */
    static String applicationFrame(StackTraceElement[] frames) {
        CodeSource athanor = Engine.class.getProtectionDomain().getCodeSource();
        for (StackTraceElement frame : frames) {
            String name = frame.getClassName();
            if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.")) {
                continue;
            }
            if (!name.startsWith("io.athanor.orm.") || !fromSameCodeSource(name, athanor)) {
                return frame.toString();
            }
        }
        return null;
    }

    private static boolean fromSameCodeSource(String className, CodeSource athanor) {
        try {
            Class<?> type = Class.forName(className, false, Engine.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (athanor == null || source == null) {
                return true;
            }
            return Objects.equals(source.getLocation(), athanor.getLocation());
        } catch (ClassNotFoundException | LinkageError | SecurityException notAthanors) {
            // Not visible to Athanor's class loader: the application's own class.
            return false;
        }
    }
}
