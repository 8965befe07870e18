package io.athanor.orm.reliability;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.OrmException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.TransactionConflictException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.Row;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.session.SessionListener;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Money moved between accounts by many threads at once, each transfer in its own session and transaction,
 * is neither created nor lost, and the sessions and pooled connections are all given back.
 *
 * <p>{@value #THREADS} threads each make {@value #TRANSFERS_PER_THREAD} transfers of a random amount between
 * two of {@value #ACCOUNTS} accounts, and record each one as a row of {@code transfers} in the same
 * transaction as the two balances. Two ways of keeping concurrent transfers apart are specified:
 * <ul>
 *   <li><b>optimistic</b>: read both accounts without locks and let {@code @Version} reject a transfer whose
 *   accounts changed in the meantime ({@link StaleDataException}); the transfer is tried again in a new
 *   session;</li>
 *   <li><b>pessimistic</b>: lock both accounts with {@code SELECT ... FOR UPDATE}, lower id first, so that
 *   transfers over the same account wait for each other instead of conflicting.</li>
 * </ul>
 * A deadlock, lock timeout or write conflict that the database reports reaches the transfer as an
 * exception, which is counted and retried; a transfer that hangs instead fails the test when the
 * executor's timeout runs out. The pessimistic transfers cannot deadlock and the optimistic ones seldom do,
 * so a third test provokes a deadlock between two transfers that lock in opposite orders. Afterwards the
 * total balance is what it was, every account's balance and version agree with the recorded transfers,
 * every session is closed and the pool has no connection checked out.
 *
 * <p>The figures (transfers, attempts, retries by cause, elapsed time) are printed to be quoted in the
 * documentation; nothing asserts on time.
 */
@Tag("heavy")
class ConcurrentTransfersTest {

    private static final int THREADS = 8;
    private static final int TRANSFERS_PER_THREAD = 500;
    private static final int TRANSFERS = THREADS * TRANSFERS_PER_THREAD;
    private static final int ACCOUNTS = 50;
    private static final long OPENING_BALANCE = 10_000;
    /** Contention between 8 threads over 50 accounts needs a handful; this many means a livelock. */
    private static final int MAX_ATTEMPTS = 50;
    /** Only turns a hang into a failure: a run takes seconds. */
    private static final long HANG_TIMEOUT_SECONDS = 120;

    private final Queue<Session> openedSessions = new ConcurrentLinkedQueue<>();
    private Engine engine;
    private SessionFactory sessions;
    private List<Long> accountIds;

    @AcrossDatabases
    void optimisticTransfersRetriedOnStaleVersionsConserveMoney(TestDatabase db) throws Exception {
        openBank(db);

        Figures figures = transferConcurrently(ConcurrentTransfersTest::transferOptimistically);

        figures.print(db, "optimistic (@Version, retry), " + ACCOUNTS + " accounts");
        assertBooksBalance(figures, TRANSFERS);
        assertNothingLeaked(figures);
    }

    @AcrossDatabases
    void pessimisticTransfersLockingInIdOrderConserveMoneyWithoutVersionConflicts(TestDatabase db) throws Exception {
        openBank(db);

        Figures figures = transferConcurrently(ConcurrentTransfersTest::transferUnderRowLocks);

        figures.print(db, "pessimistic (FOR UPDATE in id order), " + ACCOUNTS + " accounts");
        assertBooksBalance(figures, TRANSFERS);
        assertNothingLeaked(figures);
        // Both rows are locked before they are read, so the @Version check of the UPDATE always matches; and
        // locks taken in one global order cannot form a cycle.
        assertThat(figures.retries(Retry.STALE_VERSION)).as("@Version conflicts under row locks").isZero();
        assertThat(figures.retries(Retry.DEADLOCK)).as("deadlocks with locks taken in id order").isZero();
    }

    @AcrossDatabases
    void aDeadlockBetweenTwoTransfersIsReportedAsAnExceptionAndRetryingCompletesBoth(TestDatabase db) throws Exception {
        openBank(db);
        long ann = accountIds.get(0);
        long bob = accountIds.get(1);
        // Each transfer locks its source account first (the order the pessimistic transfers avoid), then waits
        // until the other holds its own first lock: the two requests for the second lock close a cycle.
        CountDownLatch bothHoldTheirFirstLock = new CountDownLatch(2);
        TransferAttempt sourceFirst = (session, fromId, toId, amount) -> {
            BankAccount from = lockedAccount(session, fromId);
            bothHoldTheirFirstLock.countDown();
            awaitQuietly(bothHoldTheirFirstLock);
            BankAccount to = lockedAccount(session, toId);
            from.withdraw(amount);
            to.deposit(amount);
            session.add(new Transfer(fromId, toId, amount));
            session.commit();
        };
        Figures figures = new Figures();

        runWorkers(List.of(() -> transferWithRetries(sourceFirst, ann, bob, 10, figures),
                () -> transferWithRetries(sourceFirst, bob, ann, 20, figures)), figures, 2);

        figures.print(db, "deadlock (FOR UPDATE in opposite orders), 2 accounts");
        // Usually one deadlock. H2 does not queue lock waiters fairly, though: the victim's retry can take its
        // first lock again before the other transfer gets it, and close the same cycle once more.
        assertThat(figures.retries(Retry.DEADLOCK)).as("deadlocks reported").isPositive();
        assertThat(figures.attempts.get()).as("attempts: the two first ones, plus one retry per deadlock")
                .isEqualTo(2 + figures.retries(Retry.DEADLOCK));
        assertBooksBalance(figures, 2);
        assertNothingLeaked(figures);
    }

    // ------------------------------------------------------------------ the two ways to transfer

    /** One attempt at a transfer in a new session; commits, or throws and leaves the rollback to close(). */
    @FunctionalInterface
    private interface TransferAttempt {
        void run(Session session, long fromId, long toId, long amount);
    }

    private static void transferOptimistically(Session session, long fromId, long toId, long amount) {
        BankAccount from = session.get(BankAccount.class, fromId);
        BankAccount to = session.get(BankAccount.class, toId);
        from.withdraw(amount);
        to.deposit(amount);
        session.add(new Transfer(fromId, toId, amount));
        session.commit();
    }

    private static void transferUnderRowLocks(Session session, long fromId, long toId, long amount) {
        // Every transfer locks the lower id first: two transfers over the same pair of accounts then queue on
        // the first lock, and never hold one lock each while waiting for the other.
        BankAccount lower = lockedAccount(session, Math.min(fromId, toId));
        BankAccount higher = lockedAccount(session, Math.max(fromId, toId));
        BankAccount from = lower.getId() == fromId ? lower : higher;
        BankAccount to = from == lower ? higher : lower;
        from.withdraw(amount);
        to.deposit(amount);
        session.add(new Transfer(fromId, toId, amount));
        session.commit();
    }

    private static BankAccount lockedAccount(Session session, long id) {
        return session.scalars(select(BankAccount.class).where(col("id").eq(id)).forUpdate()).one();
    }

    // ------------------------------------------------------------------ running them concurrently

    private void openBank(TestDatabase db) {
        engine = db.track(db.engineBuilder().poolSize(10).maxOverflow(0).build());
        Registry registry = Registry.of(BankAccount.class, Transfer.class);
        registry.metadata().createAll(engine);
        sessions = SessionFactory.builder(engine, registry)
                .listener(new SessionListener() {
                    @Override
                    public void sessionOpened(Session session) {
                        openedSessions.add(session);
                    }
                })
                .build();
        accountIds = sessions.inTransaction(session -> {
            List<BankAccount> accounts = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(new BankAccount("owner-" + i, OPENING_BALANCE));
            }
            session.addAll(accounts);
            session.flush();
            return accounts.stream().map(BankAccount::getId).toList();
        });
    }

    private Figures transferConcurrently(TransferAttempt attempt) throws Exception {
        Figures figures = new Figures();
        List<Runnable> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            // Seeded: every run, on every database, makes the same transfers.
            Random random = new Random(t);
            work.add(() -> {
                for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = random.nextInt(ACCOUNTS - 1);
                    to = to >= from ? to + 1 : to;
                    transferWithRetries(attempt, accountIds.get(from), accountIds.get(to), 1 + random.nextInt(100),
                            figures);
                }
            });
        }
        runWorkers(work, figures, TRANSFERS);
        return figures;
    }

    /** Runs each piece of work on its own thread and waits for all; a worker's failure fails the test. */
    private static void runWorkers(List<Runnable> work, Figures figures, int transfers) throws Exception {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(work.size(), runnable -> {
            Thread thread = new Thread(runnable, "transfers-" + threadNumber.incrementAndGet());
            // A worker stuck in a driver call must not keep the test JVM alive after the timeout.
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            List<Future<?>> workDone = new ArrayList<>();
            for (Runnable piece : work) {
                workDone.add(workers.submit(piece));
            }
            workers.shutdown();
            if (!workers.awaitTermination(HANG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("The transfers had not finished after " + HANG_TIMEOUT_SECONDS + " s (" + figures.transfers.get()
                        + " of " + transfers + " done): a lock wait the database did not resolve. Workers:"
                        + stacksOfThreadsNamed("transfers-"));
            }
            for (Future<?> done : workDone) {
                done.get();
            }
        } finally {
            workers.shutdownNow();
        }
        figures.threads = work.size();
        figures.elapsedNanos = System.nanoTime() - started;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            // Bounded so that a test that fails to set up its deadlock ends instead of waiting for ever.
            latch.await(HANG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void transferWithRetries(TransferAttempt attempt, long fromId, long toId, long amount, Figures figures) {
        for (int attemptNumber = 1; ; attemptNumber++) {
            figures.attempts.incrementAndGet();
            try (Session session = sessions.openSession()) {
                attempt.run(session, fromId, toId, amount);
                figures.committed(amount, attemptNumber);
                return;
            } catch (OrmException failure) {
                Retry retry = Retry.of(failure);
                if (retry == null) {
                    throw failure;
                }
                figures.retried(retry);
                if (attemptNumber == MAX_ATTEMPTS) {
                    throw new AssertionError("The transfer of " + amount + " from account " + fromId + " to " + toId
                            + " failed " + MAX_ATTEMPTS + " times in a row; the last failure is the cause.", failure);
                }
            }
        }
    }

    /** Why an attempt failed when trying again in a new transaction is the right answer; null otherwise. */
    enum Retry {
        /** {@code @Version} found the row changed since it was read. */
        STALE_VERSION,
        /** The database found a cycle of lock waits and rolled this transaction back. */
        DEADLOCK,
        /** The database gave up waiting for a row lock. */
        LOCK_TIMEOUT,
        /** The database refused to write a row another transaction wrote after this one read it. */
        WRITE_CONFLICT;

        static Retry of(OrmException failure) {
            if (failure instanceof StaleDataException) {
                return STALE_VERSION;
            }
            if (!(failure instanceof DatabaseException)) {
                return null;
            }
            if (failure instanceof TransactionConflictException) {
                // ATH-E104: PostgreSQL deadlock_detected, MariaDB ER_LOCK_DEADLOCK, H2 DEADLOCK_1.
                return DEADLOCK;
            }
            DatabaseException error = (DatabaseException) failure;
            // Vendor codes do not overlap between the three drivers (PostgreSQL's is always 0).
            int code = error.vendorCode();
            if (failure instanceof LockTimeoutException) {
                // ATH-E101: not seen in these runs, but what a slower machine would get from a long queue of lock
                // waiters.
                return LOCK_TIMEOUT;
            }
            if (code == 1020) {
                // MariaDB ER_CHECKREAD: with innodb_snapshot_isolation on, the @Version UPDATE of a row changed
                // since this transaction's snapshot fails this way instead of matching no row.
                return WRITE_CONFLICT;
            }
            return null;
        }
    }

    /** What the workers did, counted as they did it. */
    private static final class Figures {
        final AtomicInteger transfers = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicLong moved = new AtomicLong();
        final AtomicInteger mostAttempts = new AtomicInteger();
        final Map<Retry, AtomicInteger> retries = new EnumMap<>(Retry.class);
        int threads;
        long elapsedNanos;

        Figures() {
            for (Retry retry : Retry.values()) {
                retries.put(retry, new AtomicInteger());
            }
        }

        void committed(long amount, int attemptNumber) {
            transfers.incrementAndGet();
            moved.addAndGet(amount);
            mostAttempts.accumulateAndGet(attemptNumber, Math::max);
        }

        void retried(Retry retry) {
            retries.get(retry).incrementAndGet();
        }

        int retries(Retry retry) {
            return retries.get(retry).get();
        }

        void print(TestDatabase db, String strategy) {
            System.out.printf("[reliability] %s, %s: %d transfers by %d threads in %.1f s;"
                            + " %d attempts, %d retried (stale version %d, deadlock %d, lock timeout %d, write conflict"
                            + " %d); at most %d attempts for one transfer%n",
                    db.label(), strategy, transfers.get(), threads, elapsedNanos / 1e9, attempts.get(),
                    attempts.get() - transfers.get(), retries(Retry.STALE_VERSION), retries(Retry.DEADLOCK),
                    retries(Retry.LOCK_TIMEOUT), retries(Retry.WRITE_CONFLICT), mostAttempts.get());
        }
    }

    // ------------------------------------------------------------------ what must hold afterwards

    private void assertBooksBalance(Figures figures, int transfers) {
        Map<Long, Long> expectedBalances = new TreeMap<>();
        Map<Long, Integer> expectedVersions = new TreeMap<>();
        for (Long id : accountIds) {
            expectedBalances.put(id, OPENING_BALANCE);
            expectedVersions.put(id, 1);
        }
        Map<Long, Long> balances = new TreeMap<>();
        Map<Long, Integer> versions = new TreeMap<>();
        long recordedTransfers = 0;
        long recordedAmount = 0;
        try (Session session = sessions.openSession()) {
            for (BankAccount account : session.scalars(select(BankAccount.class)).all()) {
                balances.put(account.getId(), account.getBalance());
                versions.put(account.getId(), account.getVersion());
            }
            for (Row row : session.execute(Sql.text("select from_account, to_account, amount from transfers")).all()) {
                long from = row.get("from_account", Long.class);
                long to = row.get("to_account", Long.class);
                long amount = row.get("amount", Long.class);
                recordedTransfers++;
                recordedAmount += amount;
                expectedBalances.merge(from, -amount, Long::sum);
                expectedBalances.merge(to, amount, Long::sum);
                // Each committed transfer updated each of its two accounts exactly once.
                expectedVersions.merge(from, 1, Integer::sum);
                expectedVersions.merge(to, 1, Integer::sum);
            }
        }
        assertThat(figures.transfers.get()).as("transfers committed").isEqualTo(transfers);
        assertThat(recordedTransfers).as("transfer rows").isEqualTo(transfers);
        assertThat(recordedAmount).as("sum of the transfer rows' amounts").isEqualTo(figures.moved.get());
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("total balance")
                .isEqualTo(ACCOUNTS * OPENING_BALANCE);
        assertThat(balances).as("each balance: opening balance, plus transfers in, minus transfers out")
                .isEqualTo(expectedBalances);
        assertThat(versions).as("each version: 1, plus one per transfer in or out").isEqualTo(expectedVersions);
    }

    private void assertNothingLeaked(Figures figures) {
        // One session per attempt, the set-up's and the check's: every one of them closed.
        assertThat(openedSessions).as("sessions opened").hasSize(figures.attempts.get() + 2);
        assertThat(openedSessions.stream().filter(session -> !session.isClosed()).toList()).as("sessions left open")
                .isEmpty();
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
        assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).as("threads waiting for a connection")
                .isZero();
    }

    private static String stacksOfThreadsNamed(String prefix) {
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().startsWith(prefix)) {
                stacks.append("\n").append(thread.getName()).append(" (").append(thread.getState()).append(")");
                for (StackTraceElement frame : frames) {
                    stacks.append("\n    at ").append(frame);
                }
            }
        });
        return stacks.toString();
    }
}
