package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HAutoItem;
import io.athanor.benchmarks.peers.hibernate.HibernatePeer;
import io.athanor.benchmarks.peers.mybatis.AutoItemMapper;
import io.athanor.benchmarks.peers.springdata.SdjAutoItem;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.Row2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.athanor.benchmarks.peers.jooq.Tables.AUTO_ITEM;
import static io.athanor.benchmarks.peers.jooq.Tables.AUTO_ITEM_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.AUTO_ITEM_NAME;
import static io.athanor.benchmarks.peers.jooq.Tables.AUTO_ITEM_QUANTITY;
import static org.jooq.impl.DSL.row;

/**
 * W1b: insert 10,000 rows whose keys the database generates, and write each key back to its object.
 * One operation: one transaction writing 10,000 new rows into {@code bench_auto_item} and handing back
 * the objects, each carrying its row's key.
 *
 * <p>Every peer reports the keys it wrote back ({@link #written}), which adds them up; once per iteration,
 * outside the measurement, the table must hold one row per object of every call and the sum of its keys
 * must equal the sum of the keys the objects carry. The table is then emptied, so no database work runs
 * between two calls. Iterations are short (200 ms) so that the table stays small, as in
 * {@link InsertBenchmark}.
 */
@Warmup(iterations = 50, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public class GeneratedKeyInsertBenchmark extends Workload {

    static final int ROWS = 10_000;
    /** Rows per hand-built multi-row INSERT: 2 parameters a row, well under PostgreSQL's 32,767. */
    static final int ROWS_PER_STATEMENT = 1_000;

    private long calls;
    private long keysWritten;
    private long keySum;
    private boolean keyMissing;

    /** Fails the iteration unless the table holds exactly the rows whose keys the objects carry; then empties it. */
    @TearDown(Level.Iteration)
    public void check() {
        // Every object must carry the key of its own row: a peer that skipped the write-back would not "win".
        long rows = db.count("select count(*) from bench_auto_item");
        long sum = db.count("select coalesce(sum(id), 0) from bench_auto_item");
        if (keyMissing || keysWritten != calls * ROWS || rows != keysWritten || sum != keySum) {
            throw new IllegalStateException("keys written back do not match the rows after " + calls + " calls: "
                    + keysWritten + " keys summing to " + keySum + ", " + rows + " rows summing to " + sum
                    + (keyMissing ? ", some object without a key" : ""));
        }
        db.empty("bench_auto_item");
        calls = 0;
        keysWritten = 0;
        keySum = 0;
    }

    /** Adds up the keys a peer wrote back to its objects, for the iteration's check. */
    protected void written(List<?> objects, Function<Object, Long> key) {
        calls++;
        for (Object object : objects) {
            Long id = key.apply(object);
            if (id == null || id <= 0) {
                keyMissing = true;
            } else {
                keySum += id;
            }
            keysWritten++;
        }
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

    // Other libraries. Each inserts the same rows in one transaction and hands back objects carrying their keys.

    /**
     * Hibernate: {@code persist} with keys from a pooled sequence (its recommended generator; an identity
     * column would disable insert batching), {@code flush()}/{@code clear()} every JDBC batch.
     */
    @Benchmark
    public List<HAutoItem> hibernate() {
        List<HAutoItem> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(new HAutoItem("item " + i, i % 100));
        }
        peers.hibernate().inTransaction(session -> {
            for (int i = 0; i < ROWS; i++) {
                session.persist(items.get(i));
                if ((i + 1) % HibernatePeer.BATCH_SIZE == 0) {
                    session.flush();
                    session.clear();
                }
            }
        });
        written(items, item -> ((HAutoItem) item).getId());
        return items;
    }

    /**
     * jOOQ: a multi-row {@code INSERT … VALUES (…), (…)} of 1,000 rows at a time with
     * {@code returningResult(id)}, which jOOQ renders per dialect ({@code RETURNING} on PostgreSQL,
     * {@code FINAL TABLE} on H2).
     */
    @Benchmark
    public List<AutoItem> jooq() {
        List<AutoItem> items = newItems();
        peers.jooq().transaction(configuration -> {
            DSLContext dsl = configuration.dsl();
            for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
                List<AutoItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
                List<Row2<String, Integer>> rows = new ArrayList<>(chunk.size());
                for (AutoItem item : chunk) {
                    rows.add(row(item.getName(), item.getQuantity()));
                }
                Result<Record1<Long>> keys = dsl.insertInto(AUTO_ITEM, AUTO_ITEM_NAME, AUTO_ITEM_QUANTITY)
                        .valuesOfRows(rows)
                        .returningResult(AUTO_ITEM_ID)
                        .fetch();
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.get(i).setId(keys.get(i).value1());
                }
            }
        });
        written(items, item -> ((AutoItem) item).getId());
        return items;
    }

    /**
     * JDBI, on the same per-database path as the JDBC peer: on PostgreSQL a multi-row INSERT built with
     * {@code bindBeanList} and {@code executeAndReturnGeneratedKeys("id")}; on H2 a {@code PreparedBatch}
     * with {@code executePreparedBatch("id")}.
     */
    @Benchmark
    public List<AutoItem> jdbi() {
        List<AutoItem> items = newItems();
        peers.jdbi().useTransaction(handle -> {
            for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
                List<AutoItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
                List<Long> keys;
                if (database.equals("postgresql")) {
                    keys = handle.createUpdate("INSERT INTO bench_auto_item (name, quantity) VALUES <rows>")
                            .bindBeanList("rows", chunk, List.of("name", "quantity"))
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .list();
                } else {
                    PreparedBatch batch = handle.prepareBatch(
                            "INSERT INTO bench_auto_item (name, quantity) VALUES (:name, :quantity)");
                    for (AutoItem item : chunk) {
                        batch.bind("name", item.getName()).bind("quantity", item.getQuantity()).add();
                    }
                    keys = batch.executePreparedBatch("id").mapTo(Long.class).list();
                }
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.get(i).setId(keys.get(i));
                }
            }
        });
        written(items, item -> ((AutoItem) item).getId());
        return items;
    }

    /**
     * MyBatis with {@code useGeneratedKeys}, on the same per-database path as the JDBC peer: on PostgreSQL
     * its documented multi-row {@code <foreach>} INSERT of 1,000 rows at a time; on H2 a BATCH session,
     * whose flush writes each batch's keys back.
     */
    @Benchmark
    public List<AutoItem> mybatis() {
        List<AutoItem> items = newItems();
        boolean multiRow = database.equals("postgresql");
        try (SqlSession session = peers.mybatis().openSession(multiRow ? ExecutorType.SIMPLE : ExecutorType.BATCH)) {
            AutoItemMapper mapper = session.getMapper(AutoItemMapper.class);
            for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
                List<AutoItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
                if (multiRow) {
                    mapper.insertAll(chunk);
                } else {
                    for (AutoItem item : chunk) {
                        mapper.insert(item);
                    }
                    session.flushStatements();
                }
            }
            session.commit();
        }
        written(items, item -> ((AutoItem) item).getId());
        return items;
    }

    /** Spring Data JDBC's {@code saveAll} of new aggregates: a batched INSERT that reads back the identity keys. */
    @Benchmark
    public List<SdjAutoItem> springDataJdbc() {
        List<SdjAutoItem> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(new SdjAutoItem("item " + i, i % 100));
        }
        var spring = peers.springDataJdbc();
        List<SdjAutoItem> saved = spring.transactions.execute(status -> spring.autoItems.saveAll(items));
        written(saved, item -> ((SdjAutoItem) item).getId());
        return saved;
    }
}
