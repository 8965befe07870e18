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

/** W4: load 1,000 objects, change one column of each, write the changes and commit. */
public class UpdateBenchmark extends Workload {

    static final int ROWS = 1_000;

    private int quantity;

    @Override
    protected void seed() {
        seedItems(ROWS);
    }

    @Setup(Level.Invocation)
    public void nextQuantity() {
        quantity++;
    }

    @TearDown(Level.Invocation)
    public void check() {
        // Every row must hold this round's quantity: a peer that skipped an UPDATE would not "win".
        long updated = db.count("select count(*) from bench_item where quantity = " + quantity);
        if (updated != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " updated rows, found " + updated);
        }
    }

    /** Raw JDBC: read the rows into objects, then one batched UPDATE per changed row. */
    @Benchmark
    public void jdbc() throws SQLException {
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, name, quantity FROM bench_item");
             PreparedStatement update = connection.prepareStatement("UPDATE bench_item SET quantity = ? WHERE id = ?")) {
            List<Item> items = new ArrayList<>(ROWS);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(new Item(rows.getLong(1), rows.getString(2), rows.getInt(3)));
                }
            }
            for (Item item : items) {
                item.setQuantity(quantity);
                update.setInt(1, item.getQuantity());
                update.setLong(2, item.getId());
                update.addBatch();
            }
            update.executeBatch();
            connection.commit();
        }
    }

    /** Athanor: change the loaded objects; the commit's flush finds the dirty column of each. */
    @Benchmark
    public void athanorSession() {
        try (Session session = db.sessions.openSession()) {
            for (Item item : session.scalars(select(Item.class)).all()) {
                item.setQuantity(quantity);
            }
            session.commit();
        }
    }
}
