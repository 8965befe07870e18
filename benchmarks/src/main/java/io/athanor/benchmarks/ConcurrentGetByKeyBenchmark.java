package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HItem;
import io.athanor.orm.session.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * W3 under concurrency: open a session (a connection and transaction for JDBC), get one row by primary
 * key, commit and close, from as many threads as JMH's {@code -t} says (run.sh runs 1, 2, 8 and 32). One
 * operation: one get. JMH reports the average time per get of each thread; at N threads the machine's
 * throughput is N divided by it. Ratios compare peers at the same thread count.
 *
 * <p>The pool, the Athanor session factory and Hibernate's session factory are shared by all threads of a
 * trial ({@code Scope.Benchmark}). The pool holds {@value #POOL_SIZE} connections for every peer and every
 * thread count: as many as the most threads run, so that no thread ever waits for a connection and the
 * pool is never the bottleneck, in the same way for every peer. Each thread walks its own share of the
 * {@value #ROWS} rows, so that threads read different rows.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConcurrentGetByKeyBenchmark extends Workload {

    /** Connections in the pool: the largest thread count that run.sh uses. */
    static final int POOL_SIZE = 32;
    /** Rows the threads read from. */
    static final int ROWS = 10_000;

    @Override
    protected int poolSize() {
        return POOL_SIZE;
    }

    @Override
    protected void seed() {
        seedItems(ROWS);
    }

    /**
     * One thread's walk through the keys, and its checksum: each get adds the quantity it read and the
     * quantity the key's row was seeded with ({@code (key - 1) % 100}); once per iteration, outside the
     * measurement, the two sums must agree.
     */
    @State(Scope.Thread)
    public static class Cursor {

        private long key;
        private long checksum;
        private long expectedChecksum;

        /** Starts each thread at its own share of the rows. */
        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            key = 1 + (long) thread.getThreadIndex() * ROWS / thread.getThreadCount();
        }

        /** The next key to get, wrapping around after the last row. */
        long next() {
            long current = key;
            key = current == ROWS ? 1 : current + 1;
            expectedChecksum += (current - 1) % 100;
            return current;
        }

        /** Records what a get read. */
        long read(int quantity) {
            checksum += quantity;
            return checksum;
        }

        /** Fails the iteration unless every get of this thread read its key's row. */
        @TearDown(Level.Iteration)
        public void check() {
            if (checksum != expectedChecksum) {
                throw new IllegalStateException("checksum " + checksum + ", expected " + expectedChecksum);
            }
            checksum = 0;
            expectedChecksum = 0;
        }
    }

    /** Raw JDBC: a connection from the pool, one prepared SELECT, commit, close. */
    @Benchmark
    public long jdbc(Cursor cursor) throws SQLException {
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, name, quantity FROM bench_item WHERE id = ?")) {
            query.setLong(1, cursor.next());
            Item item;
            try (ResultSet row = query.executeQuery()) {
                row.next();
                item = new Item(row.getLong(1), row.getString(2), row.getInt(3));
            }
            connection.commit();
            return cursor.read(item.getQuantity());
        }
    }

    /** Athanor: {@code session.get} in a new session, committed and closed. */
    @Benchmark
    public long athanorSession(Cursor cursor) {
        try (Session session = db.sessions.openSession()) {
            int quantity = session.get(Item.class, cursor.next()).getQuantity();
            session.commit();
            return cursor.read(quantity);
        }
    }

    /** Hibernate: {@code session.find} in a new session and transaction. */
    @Benchmark
    public long hibernate(Cursor cursor) {
        long key = cursor.next();
        return cursor.read(peers.hibernate().fromTransaction(session -> session.find(HItem.class, key)).getQuantity());
    }
}
