package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.hibernate.HChild;
import io.athanor.benchmarks.peers.hibernate.HParent;
import io.athanor.benchmarks.peers.mybatis.ParentMapper;
import io.athanor.benchmarks.peers.springdata.SdjChild;
import io.athanor.benchmarks.peers.springdata.SdjParent;
import io.athanor.benchmarks.peers.springdata.SpringDataJdbcPeer;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;

import org.apache.ibatis.session.SqlSession;
import org.jdbi.v3.core.result.RowView;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import static io.athanor.benchmarks.peers.jooq.Tables.CHILD;
import static io.athanor.benchmarks.peers.jooq.Tables.CHILD_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.CHILD_NAME;
import static io.athanor.benchmarks.peers.jooq.Tables.CHILD_PARENT_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.CHILD_QUANTITY;
import static io.athanor.benchmarks.peers.jooq.Tables.PARENT;
import static io.athanor.benchmarks.peers.jooq.Tables.PARENT_ID;
import static io.athanor.benchmarks.peers.jooq.Tables.PARENT_NAME;
import static io.athanor.orm.sql.Sql.select;
import static org.jooq.impl.DSL.multiset;

/**
 * W5: load 100 parents and their 10 children each, as objects linked both ways. One operation: one
 * transaction that loads every parent with its children and walks the graph.
 *
 * <p>Each peer is measured with every loading strategy it offers for a one-to-many collection. Athanor's
 * {@code Load} options: lazy (the default, N+1 queries), selectin (a second {@code IN} query), joined (one
 * LEFT JOIN) and joinedInner (one INNER JOIN; every parent here has children, so it loads the same graph);
 * {@code Load.raise} and {@code Load.noload} load nothing and are left out. Hibernate: lazy (N+1), left and
 * inner join fetch, batch fetch and subselect fetch. Raw JDBC does it by hand with two queries or one join.
 *
 * <p>Every call adds up the quantities of the children it reached and counts them; once per iteration,
 * outside the measurement, the sums must be the number of calls times those of the seeded graph.
 */
public class ParentChildBenchmark extends Workload {

    static final int PARENTS = 100;
    static final int CHILDREN_PER_PARENT = 10;

    private long expectedChecksum;
    private long checksum;
    private long children;
    private long calls;

    @Override
    protected void seed() {
        List<Parent> parents = new ArrayList<>(PARENTS);
        long child = 1;
        for (int p = 1; p <= PARENTS; p++) {
            Parent parent = new Parent(p, "parent " + p);
            for (int c = 0; c < CHILDREN_PER_PARENT; c++, child++) {
                parent.getChildren().add(new Child(child, parent, "child " + child, (int) (child % 100)));
                expectedChecksum += child % 100;
            }
            parents.add(parent);
        }
        db.sessions.useTransaction(session -> session.addAll(parents));
    }

    /**
     * Counts one call of a benchmark method.
     *
     * @return the running checksum, for the method to return to JMH
     */
    private long done() {
        calls++;
        return checksum;
    }

    /** Fails the iteration unless every call built every child under its parent. */
    @TearDown(Level.Iteration)
    public void check() {
        long expectedChildren = calls * PARENTS * CHILDREN_PER_PARENT;
        if (checksum != calls * expectedChecksum || children != expectedChildren) {
            throw new IllegalStateException("checksum " + checksum + " over " + children + " children after " + calls
                    + " calls, expected " + calls * expectedChecksum + " over " + expectedChildren);
        }
        checksum = 0;
        children = 0;
        calls = 0;
    }

    /** Adds up what a peer loaded: each parent's children, checking the link back to the parent. */
    protected void visit(Iterable<Parent> parents) {
        for (Parent parent : parents) {
            for (Child child : parent.getChildren()) {
                if (child.getParent() != parent) {
                    throw new IllegalStateException("child " + child.getId() + " is not linked to its parent");
                }
                checksum += child.getQuantity();
                children++;
            }
        }
    }

    /** Raw JDBC with two queries: the parents, then their children by {@code parent_id = ANY(?)}. */
    @Benchmark
    public long jdbcTwoQueries() throws SQLException {
        try (Connection connection = db.dataSource.getConnection()) {
            Map<Long, Parent> byId = new HashMap<>();
            List<Parent> parents = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, name FROM bench_parent");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Parent parent = new Parent(rows.getLong(1), rows.getString(2));
                    parents.add(parent);
                    byId.put(parent.getId(), parent);
                }
            }
            Array ids = connection.createArrayOf("BIGINT", byId.keySet().toArray());
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, parent_id, name, quantity FROM bench_child WHERE parent_id = ANY(?) ORDER BY id")) {
                query.setArray(1, ids);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Parent parent = byId.get(rows.getLong(2));
                        parent.getChildren().add(new Child(rows.getLong(1), parent, rows.getString(3), rows.getInt(4)));
                    }
                }
            }
            connection.commit();
            visit(parents);
        }
        return done();
    }

    /** Raw JDBC with one LEFT JOIN, ordered so that each parent's rows come together. */
    @Benchmark
    public long jdbcJoin() throws SQLException {
        try (Connection connection = db.dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT p.id, p.name, c.id, c.name, c.quantity FROM bench_parent p "
                             + "LEFT OUTER JOIN bench_child c ON c.parent_id = p.id ORDER BY p.id, c.id");
             ResultSet rows = query.executeQuery()) {
            List<Parent> parents = new ArrayList<>();
            Parent parent = null;
            while (rows.next()) {
                long id = rows.getLong(1);
                if (parent == null || parent.getId() != id) {
                    parent = new Parent(id, rows.getString(2));
                    parents.add(parent);
                }
                long childId = rows.getLong(3);
                if (!rows.wasNull()) {
                    parent.getChildren().add(new Child(childId, parent, rows.getString(4), rows.getInt(5)));
                }
            }
            connection.commit();
            visit(parents);
        }
        return done();
    }

    /** Athanor's default: each collection loads on first access, one SELECT per parent (N+1). */
    @Benchmark
    public long athanorLazy() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class)).all());
            session.commit();
        }
        return done();
    }

    /** Athanor with {@code Load.selectin}: the parents, then one IN query for all their children. */
    @Benchmark
    public long athanorSelectin() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class).options(Load.selectin("children"))).all());
            session.commit();
        }
        return done();
    }

    /** Athanor with {@code Load.joined}: parents and children in one LEFT OUTER JOIN. */
    @Benchmark
    public long athanorJoined() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class).options(Load.joined("children"))).all());
            session.commit();
        }
        return done();
    }

    /**
     * Athanor with {@code Load.joinedInner}: parents and children in one INNER JOIN, which leaves out parents
     * without children (there are none here).
     */
    @Benchmark
    public long athanorJoinedInner() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class).options(Load.joinedInner("children"))).all());
            session.commit();
        }
        return done();
    }

    /**
     * {@link #visit(Iterable)} for a peer with entity classes of its own (Hibernate, Spring Data JDBC): the same
     * walk and the same check that each child links back to its parent object, through the given accessors.
     */
    protected <P, C> void visit(Iterable<P> parents, Function<P, ? extends Iterable<C>> childrenOf,
                                Function<C, ?> parentOf, ToIntFunction<C> quantity) {
        for (P parent : parents) {
            for (C child : childrenOf.apply(parent)) {
                if (parentOf.apply(child) != parent) {
                    throw new IllegalStateException("a child is not linked to its parent " + parent);
                }
                checksum += quantity.applyAsInt(child);
                children++;
            }
        }
    }

    // Other libraries. Each loads in one committed transaction; Hibernate walks the graph inside it, since its
    // lazy collections load on first access.

    /** Hibernate's default: each lazy {@code @OneToMany} collection loads on first access (N+1 SELECTs). */
    @Benchmark
    public long hibernateLazy() {
        peers.hibernate().inTransaction(session -> visit(
                session.createSelectionQuery("from HParent", HParent.class).getResultList(),
                HParent::getChildren, HChild::getParent, HChild::getQuantity));
        return done();
    }

    /** Hibernate with a {@code left join fetch} query: parents and children in one SELECT. */
    @Benchmark
    public long hibernateJoinFetch() {
        peers.hibernate().inTransaction(session -> visit(
                session.createSelectionQuery("from HParent p left join fetch p.children", HParent.class).getResultList(),
                HParent::getChildren, HChild::getParent, HChild::getQuantity));
        return done();
    }

    /**
     * Hibernate with an inner {@code join fetch} query: parents and children in one SELECT that, like
     * Athanor's joinedInner, leaves out parents without children.
     */
    @Benchmark
    public long hibernateInnerJoinFetch() {
        peers.hibernate().inTransaction(session -> visit(
                session.createSelectionQuery("from HParent p join fetch p.children", HParent.class).getResultList(),
                HParent::getChildren, HChild::getParent, HChild::getQuantity));
        return done();
    }

    /**
     * Hibernate with batch fetching ({@code Session.setFetchBatchSize}, the per-session form of
     * {@code hibernate.default_batch_fetch_size}): the first lazy access loads the children of up to 100
     * parents in one SELECT, here all of them.
     */
    @Benchmark
    public long hibernateBatchFetch() {
        peers.hibernate().inTransaction(session -> {
            session.setFetchBatchSize(PARENTS);
            visit(session.createSelectionQuery("from HParent", HParent.class).getResultList(),
                    HParent::getChildren, HChild::getParent, HChild::getQuantity);
        });
        return done();
    }

    /**
     * Hibernate with subselect fetching ({@code Session.setSubselectFetchingEnabled}): the first lazy access
     * loads the children of every parent the query returned, re-running it as a subquery.
     */
    @Benchmark
    public long hibernateSubselect() {
        peers.hibernate().inTransaction(session -> {
            session.setSubselectFetchingEnabled(true);
            visit(session.createSelectionQuery("from HParent", HParent.class).getResultList(),
                    HParent::getChildren, HChild::getParent, HChild::getQuantity);
        });
        return done();
    }

    /**
     * jOOQ's recommended way to nest collections: a correlated {@code MULTISET} subquery, which jOOQ emulates
     * with SQL/JSON aggregation in one statement, mapped to parents and children linked both ways.
     */
    @Benchmark
    public long jooqMultiset() {
        List<Parent> parents = peers.jooq().transactionResult(configuration -> configuration.dsl()
                .select(PARENT_ID, PARENT_NAME,
                        multiset(DSL.select(CHILD_ID, CHILD_NAME, CHILD_QUANTITY)
                                .from(CHILD)
                                .where(CHILD_PARENT_ID.eq(PARENT_ID))
                                .orderBy(CHILD_ID)))
                .from(PARENT)
                .fetch(record -> {
                    Parent parent = new Parent(record.value1(), record.value2());
                    for (Record3<Long, String, Integer> child : record.value3()) {
                        parent.getChildren().add(new Child(child.value1(), parent, child.value2(), child.value3()));
                    }
                    return parent;
                }));
        visit(parents);
        return done();
    }

    /** jOOQ with two queries, as the JDBC peer: the parents, then their children by {@code parent_id IN (…)}. */
    @Benchmark
    public long jooqTwoQueries() {
        List<Parent> parents = peers.jooq().transactionResult(configuration -> {
            DSLContext dsl = configuration.dsl();
            Map<Long, Parent> byId = new LinkedHashMap<>();
            for (Parent parent : dsl.select(PARENT_ID, PARENT_NAME).from(PARENT).fetch(Records.mapping(Parent::new))) {
                byId.put(parent.getId(), parent);
            }
            for (Record4<Long, Long, String, Integer> row : dsl
                    .select(CHILD_ID, CHILD_PARENT_ID, CHILD_NAME, CHILD_QUANTITY)
                    .from(CHILD)
                    .where(CHILD_PARENT_ID.in(byId.keySet()))
                    .orderBy(CHILD_ID)
                    .fetch()) {
                Parent parent = byId.get(row.value2());
                parent.getChildren().add(new Child(row.value1(), parent, row.value3(), row.value4()));
            }
            return new ArrayList<>(byId.values());
        });
        visit(parents);
        return done();
    }

    /** JDBI's documented one-to-many: a LEFT JOIN folded into parents with {@code reduceRows}. */
    @Benchmark
    public long jdbi() {
        List<Parent> parents = peers.jdbi().inTransaction(handle -> handle
                .createQuery("SELECT p.id AS p_id, p.name AS p_name, c.id AS c_id, c.name AS c_name, "
                        + "c.quantity AS c_quantity FROM bench_parent p "
                        + "LEFT OUTER JOIN bench_child c ON c.parent_id = p.id ORDER BY p.id, c.id")
                .reduceRows((Map<Long, Parent> map, RowView row) -> {
                    Parent parent = map.computeIfAbsent(row.getColumn("p_id", Long.class),
                            id -> new Parent(id, row.getColumn("p_name", String.class)));
                    Long childId = row.getColumn("c_id", Long.class);
                    if (childId != null) {
                        parent.getChildren().add(new Child(childId, parent, row.getColumn("c_name", String.class),
                                row.getColumn("c_quantity", Integer.class)));
                    }
                })
                .toList());
        visit(parents);
        return done();
    }

    /** MyBatis: one LEFT JOIN mapped by a nested {@code resultMap} with a {@code collection} of children. */
    @Benchmark
    public long mybatis() {
        List<Parent> parents;
        try (SqlSession session = peers.mybatis().openSession()) {
            parents = session.getMapper(ParentMapper.class).findAllWithChildren();
            // MyBatis commits only sessions that wrote; force it so the transaction ends as JDBC's does.
            session.commit(true);
        }
        visit(parents);
        return done();
    }

    /**
     * Spring Data JDBC's {@code findAll} of the parent aggregates, with its default loading: the roots, then
     * each aggregate's children by their own SELECT (N+1).
     */
    @Benchmark
    public long springDataJdbc() {
        return springDataJdbc(peers.springDataJdbc());
    }

    /**
     * Spring Data JDBC's {@code findAll} with its opt-in Single Query Loading: roots and children in one SELECT
     * on PostgreSQL; H2's dialect does not support it, so there Spring Data falls back to the default loading.
     */
    @Benchmark
    public long springDataJdbcSingleQuery() {
        return springDataJdbc(peers.springDataJdbcSingleQuery());
    }

    private long springDataJdbc(SpringDataJdbcPeer spring) {
        List<SdjParent> parents = spring.transactions.execute(status -> spring.parents.findAll());
        visit(parents, SdjParent::getChildren, SdjChild::getParent, SdjChild::getQuantity);
        return done();
    }
}
