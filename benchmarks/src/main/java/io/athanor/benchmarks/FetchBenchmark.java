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

import static io.athanor.orm.sql.Sql.select;

/** W2: fetch 10,000 rows as objects (tracked by the session for Athanor). */
public class FetchBenchmark extends Workload {

    static final int ROWS = 10_000;

    private long expectedChecksum;
    private long checksum;

    @Override
    protected void seed() {
        expectedChecksum = seedItems(ROWS);
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
