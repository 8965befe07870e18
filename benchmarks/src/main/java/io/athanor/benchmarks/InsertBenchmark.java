package io.athanor.benchmarks;

import io.athanor.orm.session.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** W1: insert 10,000 rows with assigned keys in one transaction. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InsertBenchmark {

    static final int ROWS = 10_000;

    @Param({"h2"})
    public String database;

    private Database db;
    private long inserted;

    @Setup(Level.Trial)
    public void open() {
        db = new Database(database);
    }

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

    @TearDown(Level.Trial)
    public void close() {
        db.close();
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
