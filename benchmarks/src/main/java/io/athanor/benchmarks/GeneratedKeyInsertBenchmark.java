package io.athanor.benchmarks;

import io.athanor.orm.session.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * W1b: insert 10,000 rows whose keys the database generates, and write each key back to its object.
 * Every peer returns its objects; the teardown checks that each has a distinct key that exists.
 */
public class GeneratedKeyInsertBenchmark extends Workload {

    static final int ROWS = 10_000;
    /** Rows per hand-built multi-row INSERT: 2 parameters a row, well under PostgreSQL's 32,767. */
    static final int ROWS_PER_STATEMENT = 1_000;

    private long[] keys;

    @Setup(Level.Invocation)
    public void empty() {
        db.execute("delete from bench_auto_item");
        keys = null;
    }

    @TearDown(Level.Invocation)
    public void check() {
        // Every object must carry the key of its own row: a peer that skipped the write-back would not "win".
        if (keys == null || keys.length != ROWS) {
            throw new IllegalStateException("the benchmark did not report " + ROWS + " generated keys");
        }
        long distinct = java.util.Arrays.stream(keys).distinct().count();
        long rows = db.count("select count(*) from bench_auto_item");
        long sum = db.count("select sum(id) from bench_auto_item");
        if (distinct != ROWS || rows != ROWS || sum != java.util.Arrays.stream(keys).sum()) {
            throw new IllegalStateException("keys written back do not match the rows: " + distinct + " distinct keys, "
                    + rows + " rows");
        }
    }

    /** Records the keys the peer wrote back to its objects, for the teardown check. */
    protected void written(List<? extends Object> objects, java.util.function.ToLongFunction<Object> key) {
        long[] found = new long[objects.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = key.applyAsLong(objects.get(i));
        }
        keys = found;
    }

    static List<AutoItem> newItems() {
        List<AutoItem> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(new AutoItem("item " + i, i % 100));
        }
        return items;
    }

    /**
     * Raw JDBC, the fastest honest way per database: on PostgreSQL a hand-built multi-row
     * {@code INSERT … VALUES (…),(…) RETURNING id} (the driver does not rewrite batches that return keys);
     * on H2 a JDBC batch, whose generated keys H2 returns for the whole batch.
     */
    @Benchmark
    public List<AutoItem> jdbc() throws SQLException {
        List<AutoItem> items = newItems();
        try (Connection connection = db.dataSource.getConnection()) {
            if (database.equals("postgresql")) {
                insertMultiRow(connection, items);
            } else {
                insertBatch(connection, items);
            }
            connection.commit();
        }
        written(items, item -> ((AutoItem) item).getId());
        return items;
    }

    private static void insertMultiRow(Connection connection, List<AutoItem> items) throws SQLException {
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<AutoItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("INSERT INTO bench_auto_item (name, quantity) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            }
            sql.append(" RETURNING id");
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                for (AutoItem item : chunk) {
                    insert.setString(parameter++, item.getName());
                    insert.setInt(parameter++, item.getQuantity());
                }
                // PostgreSQL returns the rows of a multi-row VALUES in the order they were written.
                try (ResultSet generated = insert.executeQuery()) {
                    for (AutoItem item : chunk) {
                        generated.next();
                        item.setId(generated.getLong(1));
                    }
                }
            }
        }
    }

    private static void insertBatch(Connection connection, List<AutoItem> items) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bench_auto_item (name, quantity) VALUES (?, ?)", new String[] {"ID"})) {
            for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
                List<AutoItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
                for (AutoItem item : chunk) {
                    insert.setString(1, item.getName());
                    insert.setInt(2, item.getQuantity());
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet generated = insert.getGeneratedKeys()) {
                    for (AutoItem item : chunk) {
                        generated.next();
                        item.setId(generated.getLong(1));
                    }
                }
            }
        }
    }

    /** Athanor's unit of work: the flush writes the generated keys back to the objects. */
    @Benchmark
    public List<AutoItem> athanorSession() {
        List<AutoItem> items = newItems();
        try (Session session = db.sessions.openSession()) {
            session.addAll(items);
            session.commit();
        }
        written(items, item -> ((AutoItem) item).getId());
        return items;
    }
}
