package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HItem;
import io.athanor.benchmarks.peers.hibernate.HibernatePeer;
import io.athanor.benchmarks.peers.mybatis.ItemMapper;
import io.athanor.benchmarks.peers.springdata.SdjItem;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.athanor.orm.sql.Sql.insert;

import static io.athanor.benchmarks.peers.jooq.Tables.ITEM;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_NAME;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_QUANTITY;

/**
 * W1: insert 10,000 rows with assigned keys in one transaction. One operation: one transaction writing
 * 10,000 new rows into {@code bench_item}.
 *
 * <p>Each call writes keys no earlier call used ({@link #nextKeys()}), so no database work runs between
 * two calls; the table is emptied once per iteration, after checking that it holds every row of every
 * call. Within an iteration the table grows, so iterations are short (200 ms): on H2 the rows live in the
 * benchmark's own heap, and with 1 s iterations the collector's copying of up to half a million retained
 * rows took about a tenth of a fast peer's time, more than a slow peer's, who writes fewer rows per
 * iteration. 50 warm-up iterations make the same 10 s of warm-up as the other workloads: on a 2-core
 * machine H2 and the peers take some 20 calls of 10,000 rows to reach full speed.
 */
@Warmup(iterations = 50, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public class InsertBenchmark extends Workload {

    static final int ROWS = 10_000;

    /** The key before the first of the next call's rows. */
    private long offset;
    private long calls;

    /**
     * Reserves the keys of one call.
     *
     * @return the key before the call's first row: its rows are {@code offset + 1 .. offset + ROWS}
     */
    private long nextKeys() {
        long first = offset;
        offset += ROWS;
        calls++;
        return first;
    }

    /** Fails the iteration unless the table holds every row of every call; then empties it. */
    @TearDown(Level.Iteration)
    public void check() {
        // Every peer must have written every row: a peer that skipped work would not "win".
        long rows = db.count("select count(*) from bench_item where quantity >= 0");
        if (rows != calls * ROWS) {
            throw new IllegalStateException("expected " + calls * ROWS + " rows after " + calls + " calls, found " + rows);
        }
        db.empty("bench_item");
        calls = 0;
    }

    /** Raw JDBC, the fastest honest way: one prepared statement, addBatch/executeBatch in chunks. */
    @Benchmark
    public void jdbc() throws SQLException {
        long offset = nextKeys();
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO bench_item (id, name, quantity) VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setLong(1, offset + i + 1);
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

    /**
     * Athanor's bulk path, below the unit of work: {@code session.execute(insert(Item.class), rows)} with one
     * map of values per row (SQLAlchemy's executemany), sent as JDBC batches.
     */
    @Benchmark
    public void athanorBulk() {
        long offset = nextKeys();
        List<Map<String, Object>> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(Map.of("id", offset + i + 1, "name", "item " + i, "quantity", i % 100));
        }
        try (Session session = db.sessions.openSession()) {
            session.execute(insert(Item.class), rows);
            session.commit();
        }
    }

    /** Athanor's unit of work: addAll, then commit flushes one batched INSERT. */
    @Benchmark
    public void athanorSession() {
        long offset = nextKeys();
        List<Item> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(new Item(offset + i + 1, "item " + i, i % 100));
        }
        try (Session session = db.sessions.openSession()) {
            session.addAll(items);
            session.commit();
        }
    }

    // Other libraries. Each writes the same rows through the shared pool in one transaction, executing its
    // JDBC batch every 1,000 rows as the hand-written peer does.

    /**
     * Hibernate's documented batch insert: {@code persist} each entity, and {@code flush()}/{@code clear()}
     * every JDBC batch so the persistence context stays small; ordered, batched INSERTs.
     */
    @Benchmark
    public void hibernate() {
        long offset = nextKeys();
        peers.hibernate().inTransaction(session -> {
            for (int i = 0; i < ROWS; i++) {
                session.persist(new HItem(offset + i + 1, "item " + i, i % 100));
                if ((i + 1) % HibernatePeer.BATCH_SIZE == 0) {
                    session.flush();
                    session.clear();
                }
            }
        });
    }

    /** Hibernate's {@code StatelessSession}: no persistence context, {@code insertMultiple} batches each chunk. */
    @Benchmark
    public void hibernateStateless() {
        long offset = nextKeys();
        peers.hibernate().inStatelessTransaction(session -> {
            List<HItem> chunk = new ArrayList<>(HibernatePeer.BATCH_SIZE);
            for (int i = 0; i < ROWS; i++) {
                chunk.add(new HItem(offset + i + 1, "item " + i, i % 100));
                if (chunk.size() == HibernatePeer.BATCH_SIZE || i == ROWS - 1) {
                    session.insertMultiple(chunk);
                    chunk.clear();
                }
            }
        });
    }

    /** jOOQ's batch with bind values: one INSERT rendered once, bound per row, executed as a JDBC batch. */
    @Benchmark
    public void jooq() {
        long offset = nextKeys();
        peers.jooq().transaction(configuration -> {
            DSLContext dsl = configuration.dsl();
            BatchBindStep batch = null;
            for (int i = 0; i < ROWS; i++) {
                if (batch == null) {
                    batch = dsl.batch(dsl.insertInto(ITEM, ITEM_ID, ITEM_NAME, ITEM_QUANTITY)
                            .values((Long) null, null, null));
                }
                batch.bind(offset + i + 1, "item " + i, i % 100);
                if ((i + 1) % 1000 == 0 || i == ROWS - 1) {
                    batch.execute();
                    batch = null;
                }
            }
        });
    }

    /** JDBI's {@code PreparedBatch}: named parameters bound per row, executed as a JDBC batch. */
    @Benchmark
    public void jdbi() {
        long offset = nextKeys();
        peers.jdbi().useTransaction(handle -> {
            PreparedBatch batch = null;
            for (int i = 0; i < ROWS; i++) {
                if (batch == null) {
                    batch = handle.prepareBatch("INSERT INTO bench_item (id, name, quantity) VALUES (:id, :name, :quantity)");
                }
                batch.bind("id", offset + i + 1).bind("name", "item " + i).bind("quantity", i % 100).add();
                if ((i + 1) % 1000 == 0 || i == ROWS - 1) {
                    batch.execute();
                    batch = null;
                }
            }
        });
    }

    /** MyBatis's BATCH executor: the mapper's insert queues each row, {@code flushStatements} executes them. */
    @Benchmark
    public void mybatis() {
        long offset = nextKeys();
        try (SqlSession session = peers.mybatis().openSession(ExecutorType.BATCH)) {
            ItemMapper mapper = session.getMapper(ItemMapper.class);
            for (int i = 0; i < ROWS; i++) {
                mapper.insert(new Item(offset + i + 1, "item " + i, i % 100));
                if ((i + 1) % 1000 == 0) {
                    session.flushStatements();
                }
            }
            session.commit();
        }
    }

    /** Spring Data JDBC's {@code saveAll} of new aggregates, which it writes as one batched INSERT. */
    @Benchmark
    public void springDataJdbc() {
        long offset = nextKeys();
        List<SdjItem> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            items.add(SdjItem.create(offset + i + 1, "item " + i, i % 100));
        }
        var spring = peers.springDataJdbc();
        spring.transactions.executeWithoutResult(status -> spring.items.saveAll(items));
    }
}
