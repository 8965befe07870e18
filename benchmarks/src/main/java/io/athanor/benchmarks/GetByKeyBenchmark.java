package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HItem;
import io.athanor.benchmarks.peers.mybatis.ItemMapper;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.SqlSession;
import org.jooq.Records;
import org.openjdk.jmh.annotations.Benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static io.athanor.benchmarks.peers.jooq.Tables.ITEM;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_NAME;
import static io.athanor.benchmarks.peers.jooq.Tables.ITEM_QUANTITY;

/**
 * W3: get 1,000 different rows by primary key, each in a new session (a new transaction for JDBC). One
 * operation: the 1,000 gets, keys 1 to 1,000 in order. {@link ConcurrentGetByKeyBenchmark} measures one
 * get per operation from several threads.
 */
public class GetByKeyBenchmark extends ItemChecksumWorkload {

    static final int GETS = 1_000;

    public GetByKeyBenchmark() {
        super(GETS);
    }

    /** Raw JDBC: a pooled connection, one prepared SELECT and a commit per get. */
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
        return done();
    }

    /** Athanor: {@code session.get} in a new session, committed and closed, per get. */
    @Benchmark
    public long athanorSession() {
        for (long id = 1; id <= GETS; id++) {
            try (Session session = db.sessions.openSession()) {
                checksum += session.get(Item.class, id).getQuantity();
                session.commit();
            }
        }
        return done();
    }

    // Other libraries. Each get runs in its own session or handle and its own committed transaction.

    /** Hibernate: {@code session.find} in a new session and transaction per get. */
    @Benchmark
    public long hibernate() {
        var sessions = peers.hibernate();
        for (long id = 1; id <= GETS; id++) {
            long key = id;
            checksum += sessions.fromTransaction(session -> session.find(HItem.class, key)).getQuantity();
        }
        return done();
    }

    /** jOOQ: a typed {@code SELECT … WHERE id = ?} and {@code fetchOne}, in a transaction per get. */
    @Benchmark
    public long jooq() {
        var jooq = peers.jooq();
        for (long id = 1; id <= GETS; id++) {
            long key = id;
            Item item = jooq.transactionResult(configuration -> configuration.dsl()
                    .select(ITEM_ID, ITEM_NAME, ITEM_QUANTITY)
                    .from(ITEM)
                    .where(ITEM_ID.eq(key))
                    .fetchOne(Records.mapping(Item::new)));
            checksum += item.getQuantity();
        }
        return done();
    }

    /** JDBI: {@code inTransaction} per get, a bound query mapped by the registered {@code RowMapper}. */
    @Benchmark
    public long jdbi() {
        var jdbi = peers.jdbi();
        for (long id = 1; id <= GETS; id++) {
            long key = id;
            Item item = jdbi.inTransaction(handle ->
                    handle.createQuery("SELECT id, name, quantity FROM bench_item WHERE id = :id")
                            .bind("id", key)
                            .mapTo(Item.class)
                            .one());
            checksum += item.getQuantity();
        }
        return done();
    }

    /** MyBatis: a new {@code SqlSession} per get and the mapper's {@code findById}. */
    @Benchmark
    public long mybatis() {
        var sessions = peers.mybatis();
        for (long id = 1; id <= GETS; id++) {
            try (SqlSession session = sessions.openSession()) {
                checksum += session.getMapper(ItemMapper.class).findById(id).getQuantity();
                // MyBatis commits only sessions that wrote; force it so the transaction ends as JDBC's does.
                session.commit(true);
            }
        }
        return done();
    }

    /** Spring Data JDBC: the repository's {@code findById}, in a {@code TransactionTemplate} transaction per get. */
    @Benchmark
    public long springDataJdbc() {
        var spring = peers.springDataJdbc();
        for (long id = 1; id <= GETS; id++) {
            long key = id;
            checksum += spring.transactions.execute(status -> spring.items.findById(key)).orElseThrow().getQuantity();
        }
        return done();
    }
}
