package io.athanor.benchmarks;

import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.select;

/**
 * W5: load 100 parents and their 10 children each, as objects linked both ways. Athanor loads the
 * collection lazily (N+1 queries), with a second {@code IN} query (selectin) or in one LEFT JOIN
 * (joined); raw JDBC does the same by hand with two queries or one join.
 */
public class ParentChildBenchmark extends Workload {

    static final int PARENTS = 100;
    static final int CHILDREN_PER_PARENT = 10;

    private long expectedChecksum;
    private long checksum;
    private long children;

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

    @Setup(Level.Invocation)
    public void reset() {
        checksum = 0;
        children = 0;
    }

    @TearDown(Level.Invocation)
    public void check() {
        // Every peer must have built every child under its parent.
        if (checksum != expectedChecksum || children != (long) PARENTS * CHILDREN_PER_PARENT) {
            throw new IllegalStateException("checksum " + checksum + " over " + children + " children, expected "
                    + expectedChecksum + " over " + PARENTS * CHILDREN_PER_PARENT);
        }
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
        return checksum;
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
        return checksum;
    }

    /** Athanor's default: each collection loads on first access, one SELECT per parent (N+1). */
    @Benchmark
    public long athanorLazy() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class)).all());
            session.commit();
        }
        return checksum;
    }

    /** Athanor with {@code Load.selectin}: the parents, then one IN query for all their children. */
    @Benchmark
    public long athanorSelectin() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class).options(Load.selectin("children"))).all());
            session.commit();
        }
        return checksum;
    }

    /** Athanor with {@code Load.joined}: parents and children in one LEFT OUTER JOIN. */
    @Benchmark
    public long athanorJoined() {
        try (Session session = db.sessions.openSession()) {
            visit(session.scalars(select(Parent.class).options(Load.joined("children"))).all());
            session.commit();
        }
        return checksum;
    }
}
