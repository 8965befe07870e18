package io.athanor.benchmarks;

import io.athanor.orm.session.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** W1: insert 10,000 rows with assigned keys in one transaction. */
public class InsertBenchmark extends Workload {

    static final int ROWS = 10_000;

    private long inserted;

    @Setup(Level.Invocation)
    public void empty() {
        db.execute("delete from bench_item");
    }

    @TearDown(Level.Invocation)
    public void check() {
        // Every peer must have written every row: a peer that skipped work would not "win".
        long rows = db.count("select count(*) from bench_item where quantity >= 0");
        if (rows != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows, found " + rows);
        }
        inserted += rows;
    }

    /** Raw JDBC, the fastest honest way: one prepared statement, addBatch/executeBatch in chunks. */
    @Benchmark
    public void jdbc() throws SQLException {
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO bench_item (id, name, quantity) VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setLong(1, i + 1);
                insert.setString(2, "item " + i);
                insert.setInt(3, i % 100);
                insert.addBatch();
                if ((i + 1) % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** Athanor's unit of work: addAll, then commit flushes one batched INSERT. */
    @Benchmark
    public void athanorSession() {
        List<Item> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(new Item(i + 1, "item " + i, i % 100));
        }
        try (Session session = db.sessions.openSession()) {
            session.addAll(items);
            session.commit();
        }
    }
}
