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

/** W3: get 1,000 different rows by primary key, each in a new session (a new transaction for JDBC). */
public class GetByKeyBenchmark extends Workload {

    static final int GETS = 1_000;

    private long expectedChecksum;
    private long checksum;

    @Override
    protected void seed() {
        expectedChecksum = seedItems(GETS);
    }

    @Setup(Level.Invocation)
    public void reset() {
        checksum = 0;
    }

    @TearDown(Level.Invocation)
    public void check() {
        // The sum of the quantities read proves that every peer read every row.
        if (checksum != expectedChecksum) {
            throw new IllegalStateException("checksum " + checksum + ", expected " + expectedChecksum);
        }
    }

    @Benchmark
    public long jdbc() throws SQLException {
        for (int id = 1; id <= GETS; id++) {
            try (Connection connection = db.dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT id, name, quantity FROM bench_item WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    Item item = new Item(row.getLong(1), row.getString(2), row.getInt(3));
                    checksum += item.getQuantity();
                }
                connection.commit();
            }
        }
        return checksum;
    }

    @Benchmark
    public long athanorSession() {
        for (long id = 1; id <= GETS; id++) {
            try (Session session = db.sessions.openSession()) {
                checksum += session.get(Item.class, id).getQuantity();
                session.commit();
            }
        }
        return checksum;
    }
}
