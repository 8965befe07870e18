package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HItem;
import io.athanor.benchmarks.peers.mybatis.ItemMapper;
import io.athanor.benchmarks.peers.springdata.SdjItem;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.SqlSession;
import org.jooq.Records;
import org.openjdk.jmh.annotations.Benchmark;

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
 * W2: fetch 10,000 rows as objects (tracked by the session for Athanor). One operation: one transaction
 * that reads every row of {@code bench_item} into an object per row.
 */
public class FetchBenchmark extends ItemChecksumWorkload {

    static final int ROWS = 10_000;

    public FetchBenchmark() {
        super(ROWS);
    }

    /** Raw JDBC: one SELECT, an {@link Item} per row, one commit. */
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
        return done();
    }

    /** Athanor's session: every row as a tracked object (identity map and snapshot). */
    @Benchmark
    public long athanorSession() {
        try (Session session = db.sessions.openSession()) {
            for (Item item : session.scalars(select(Item.class)).all()) {
                checksum += item.getQuantity();
            }
            session.commit();
        }
        return done();
    }

    /** Athanor's {@code readOnly()} query: plain objects, no identity map and no snapshots. */
    @Benchmark
    public long athanorReadOnly() {
        try (Session session = db.sessions.openSession()) {
            for (Item item : session.scalars(select(Item.class).readOnly()).all()) {
                checksum += item.getQuantity();
            }
            session.commit();
        }
        return done();
    }

    // Other libraries. Each reads every row into an object in one transaction that it commits.

    /** Hibernate: a HQL query listing managed entities, each tracked (with a snapshot) by the session. */
    @Benchmark
    public long hibernate() {
        List<HItem> items = peers.hibernate().fromTransaction(session ->
                session.createSelectionQuery("from HItem", HItem.class).getResultList());
        for (HItem item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** Hibernate with the query marked read-only: still managed entities, but no snapshot for dirty checking. */
    @Benchmark
    public long hibernateReadOnly() {
        List<HItem> items = peers.hibernate().fromTransaction(session ->
                session.createSelectionQuery("from HItem", HItem.class).setReadOnly(true).getResultList());
        for (HItem item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** Hibernate's {@code StatelessSession}: detached objects, no persistence context at all. */
    @Benchmark
    public long hibernateStateless() {
        List<HItem> items = peers.hibernate().fromStatelessTransaction(session ->
                session.createSelectionQuery("from HItem", HItem.class).getResultList());
        for (HItem item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** jOOQ: a typed SELECT mapped into {@link Item} with {@code Records.mapping(Item::new)}. */
    @Benchmark
    public long jooq() {
        List<Item> items = peers.jooq().transactionResult(configuration -> configuration.dsl()
                .select(ITEM_ID, ITEM_NAME, ITEM_QUANTITY)
                .from(ITEM)
                .fetch(Records.mapping(Item::new)));
        for (Item item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** JDBI: a query mapped to {@link Item} by the registered {@code RowMapper}. */
    @Benchmark
    public long jdbi() {
        List<Item> items = peers.jdbi().inTransaction(handle ->
                handle.createQuery("SELECT id, name, quantity FROM bench_item").mapTo(Item.class).list());
        for (Item item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** MyBatis: a mapper {@code select} whose result map builds {@link Item} through its constructor. */
    @Benchmark
    public long mybatis() {
        List<Item> items;
        try (SqlSession session = peers.mybatis().openSession()) {
            items = session.getMapper(ItemMapper.class).findAll();
            // MyBatis commits only sessions that wrote; force it so the transaction ends as JDBC's does.
            session.commit(true);
        }
        for (Item item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }

    /** Spring Data JDBC: the repository's {@code findAll}. */
    @Benchmark
    public long springDataJdbc() {
        var spring = peers.springDataJdbc();
        List<SdjItem> items = spring.transactions.execute(status -> spring.items.findAll());
        for (SdjItem item : items) {
            checksum += item.getQuantity();
        }
        return done();
    }
}
