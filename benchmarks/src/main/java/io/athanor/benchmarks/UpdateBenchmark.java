package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HItem;
import io.athanor.benchmarks.peers.mybatis.ItemMapper;
import io.athanor.benchmarks.peers.springdata.SdjItem;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.athanor.benchmarks.peers.jooq.Tables.ITEM;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_NAME;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_QUANTITY;
import static io.athanor.orm.sql.Sql.select;

/**
 * W4: load 1,000 objects, change one column of each, write the changes and commit. One operation: one
 * transaction that reads every row of {@code bench_item}, sets its quantity to the call's number and
 * writes the 1,000 changed rows.
 *
 * <p>Each call writes a quantity no earlier call wrote ({@link #nextQuantity()}) and adds up the
 * quantities it read, which must be what the previous call wrote to every row. Once per iteration,
 * outside the measurement, that sum and the last call's rows are checked, so each call's writes are proven
 * by the next call's read without any database work between two calls.
 */
public class UpdateBenchmark extends Workload {

    static final int ROWS = 1_000;

    /** The quantity the last call wrote to every row; 0 before the first call. */
    private int round;
    private long seedSum;
    private long checksum;
    private long expectedChecksum;

    @Override
    protected void seed() {
        seedSum = seedItems(ROWS);
    }

    /**
     * Starts one call: what it will read is what the previous call wrote (the seed's quantities before the
     * first call).
     *
     * @return the quantity the call writes to every row
     */
    private int nextQuantity() {
        expectedChecksum += round == 0 ? seedSum : (long) round * ROWS;
        return ++round;
    }

    /** Fails the iteration unless every call read what the previous one wrote and the last call's rows are there. */
    @TearDown(Level.Iteration)
    public void check() {
        // Every row must hold the last call's quantity, and every call must have read what the one before it
        // wrote: a peer that skipped an UPDATE would not "win".
        long updated = db.count("select count(*) from bench_item where quantity = " + round);
        if (updated != ROWS || checksum != expectedChecksum) {
            throw new IllegalStateException("expected " + ROWS + " rows of quantity " + round + ", found " + updated
                    + "; read quantities summing to " + checksum + ", expected " + expectedChecksum);
        }
        checksum = 0;
        expectedChecksum = 0;
        // The dead row versions of this iteration's UPDATEs are vacuumed now, not by autovacuum during a
        // later measurement.
        db.settle();
    }

    /** Raw JDBC: read the rows into objects, then one batched UPDATE per changed row. */
    @Benchmark
    public void jdbc() throws SQLException {
        int quantity = nextQuantity();
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
                checksum += item.getQuantity();
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
        int quantity = nextQuantity();
        try (Session session = db.sessions.openSession()) {
            for (Item item : session.scalars(select(Item.class)).all()) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
            }
            session.commit();
        }
    }

    // Other libraries. Each loads the rows as objects, changes them, and writes them back in one transaction.

    /** Hibernate: change the managed entities; the commit's flush dirty-checks them and batches the UPDATEs. */
    @Benchmark
    public void hibernate() {
        int quantity = nextQuantity();
        peers.hibernate().inTransaction(session -> {
            for (HItem item : session.createSelectionQuery("from HItem", HItem.class).getResultList()) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
            }
        });
    }

    /** jOOQ: fetch into {@link Item}, then a batch of one bound UPDATE per changed object. */
    @Benchmark
    public void jooq() {
        int quantity = nextQuantity();
        peers.jooq().transaction(configuration -> {
            DSLContext dsl = configuration.dsl();
            List<Item> items = dsl.select(ITEM_ID, ITEM_NAME, ITEM_QUANTITY).from(ITEM).fetch(Records.mapping(Item::new));
            BatchBindStep batch = dsl.batch(dsl.update(ITEM).set(ITEM_QUANTITY, (Integer) null).where(ITEM_ID.eq((Long) null)));
            for (Item item : items) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
                batch.bind(item.getQuantity(), item.getId());
            }
            batch.execute();
        });
    }

    /** JDBI: a mapped query, then a {@code PreparedBatch} of UPDATEs. */
    @Benchmark
    public void jdbi() {
        int quantity = nextQuantity();
        peers.jdbi().useTransaction(handle -> {
            List<Item> items = handle.createQuery("SELECT id, name, quantity FROM bench_item").mapTo(Item.class).list();
            PreparedBatch batch = handle.prepareBatch("UPDATE bench_item SET quantity = :quantity WHERE id = :id");
            for (Item item : items) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
                batch.bind("quantity", item.getQuantity()).bind("id", item.getId()).add();
            }
            batch.execute();
        });
    }

    /** MyBatis: {@code findAll}, then the mapper's update per object in a BATCH session, flushed by the commit. */
    @Benchmark
    public void mybatis() {
        int quantity = nextQuantity();
        try (SqlSession session = peers.mybatis().openSession(ExecutorType.BATCH)) {
            ItemMapper mapper = session.getMapper(ItemMapper.class);
            for (Item item : mapper.findAll()) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
                mapper.updateQuantity(item);
            }
            session.commit();
        }
    }

    /**
     * Spring Data JDBC: {@code findAll}, then {@code saveAll}. It keeps no snapshot, so each save is a full
     * UPDATE of the aggregate root, whether or not it changed.
     */
    @Benchmark
    public void springDataJdbc() {
        int quantity = nextQuantity();
        var spring = peers.springDataJdbc();
        spring.transactions.executeWithoutResult(status -> {
            List<SdjItem> items = spring.items.findAll();
            for (SdjItem item : items) {
                checksum += item.getQuantity();
                item.setQuantity(quantity);
            }
            spring.items.saveAll(items);
        });
    }
}
