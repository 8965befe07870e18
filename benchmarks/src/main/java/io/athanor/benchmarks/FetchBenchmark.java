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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.athanor.orm.sql.Sql.select;

/** W2: fetch 10,000 rows as objects (tracked by the session for Athanor). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FetchBenchmark {

    static final int ROWS = 10_000;

    @Param({"h2"})
    public String database;

    private Database db;
    private long expectedChecksum;
    private long checksum;

    @Setup(Level.Trial)
    public void open() {
        db = new Database(database);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            items.add(new Item(i + 1, "item " + i, i % 100));
            expectedChecksum += i % 100;
        }
        db.sessions.useTransaction(session -> session.addAll(items));
    }

    @Setup(Level.Invocation)
    public void reset() {
        checksum = 0;
    }

    @TearDown(Level.Invocation)
    public void check() {
        // The sum of the quantities read proves that every peer built every object.
        if (checksum != expectedChecksum) {
            throw new IllegalStateException("checksum " + checksum + ", expected " + expectedChecksum);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public long jdbc() throws SQLException {
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, name, quantity FROM bench_item");
             ResultSet rows = query.executeQuery()) {
            List<Item> items = new ArrayList<>(ROWS);
            while (rows.next()) {
                items.add(new Item(rows.getLong(1), rows.getString(2), rows.getInt(3)));
            }
            connection.commit();
            for (Item item : items) {
                checksum += item.getQuantity();
            }
        }
        return checksum;
    }

    @Benchmark
    public long athanorSession() {
        try (Session session = db.sessions.openSession()) {
            for (Item item : session.scalars(select(Item.class)).all()) {
                checksum += item.getQuantity();
            }
            session.commit();
        }
        return checksum;
    }
}
