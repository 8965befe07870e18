package io.athanor.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.SessionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One pool for every peer of a run, so that they differ only in what they do with a connection:
 * the same HikariCP settings and driver flags for raw JDBC, Athanor and the other libraries.
 *
 * <p>What is the same for every peer, and why:
 * <ul>
 *   <li>H2 runs with {@code OPTIMIZE_REUSE_RESULTS=FALSE}. H2 otherwise hands a repeated query the result
 *       it computed last time when no table changed, so a read workload's baseline barely read the
 *       database and every ratio to it was inflated. The setting also makes H2 evaluate an uncorrelated
 *       {@code IN (SELECT …)} again for every row it filters, which slows Hibernate's subselect fetching on
 *       H2 (see benchmarks/README.md).</li>
 *   <li>No fetch size: Athanor's engine is built with {@code fetchSize(0)} (the driver's default) and no
 *       peer sets one, so PostgreSQL's driver reads every result in one go for all of them. (Athanor's
 *       engine once defaulted to 1,000 rows, which made it alone read W2's 10,000 rows in 10 round trips;
 *       the setting is explicit so that no default can do that again.)</li>
 *   <li>On PostgreSQL, autovacuum is off for the benchmark tables: {@link #settle()} vacuums them
 *       outside the measurement instead, so that no vacuum of one trial's rows runs during another's.</li>
 *   <li>The sequence behind Hibernate's generated keys hands out 1,000 keys per {@code nextval}, the
 *       size of every peer's JDBC batch.</li>
 * </ul>
 */
final class Database implements AutoCloseable {

    /** The tables of every workload, children first so that they can be dropped in this order. */
    private static final String[] TABLES = {"bench_child", "bench_parent", "bench_auto_item", "bench_item"};

    /** Keys per {@code nextval} of {@code bench_auto_item_seq}: Hibernate's pooled allocation, sized to its batch. */
    static final int SEQUENCE_INCREMENT = 1_000;

    final String name;
    final HikariDataSource dataSource;
    final Engine engine;
    final SessionFactory sessions;

    /**
     * Opens the pool and creates empty tables.
     *
     * @param name     {@code h2} (in memory) or {@code postgresql} (127.0.0.1:5432, database {@code test})
     * @param poolSize the pool's connections, opened up front (Hikari's minimum idle equals its maximum)
     */
    Database(String name, int poolSize) {
        this.name = name;
        HikariConfig config = new HikariConfig();
        switch (name) {
            case "h2" -> config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE");
            case "postgresql" -> {
                config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
                config.setUsername("postgres");
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            default -> throw new IllegalArgumentException("Unknown database '" + name + "'; use h2 or postgresql.");
        }
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(false);
        dataSource = new HikariDataSource(config);
        engine = Engine.builder().dataSource(dataSource).fetchSize(0).build();
        Registry registry = Registry.of(Item.class, AutoItem.class, Parent.class, Child.class);
        sessions = SessionFactory.of(engine, registry);
        // Fresh tables per trial: nothing that an earlier trial wrote (rows, dead tuples, bloated indexes)
        // is left for this one.
        for (String table : TABLES) {
            execute("drop table if exists " + table);
        }
        registry.metadata().createAll(engine);
        if (isPostgresql()) {
            for (String table : TABLES) {
                execute("alter table " + table + " set (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            }
        }
        // Hibernate's best documented path for generated keys is a sequence with pooled allocation;
        // the other peers use the identity column, both write the same table.
        execute("drop sequence if exists bench_auto_item_seq");
        execute("create sequence bench_auto_item_seq start with 1 increment by " + SEQUENCE_INCREMENT);
    }

    boolean isPostgresql() {
        return name.equals("postgresql");
    }

    /**
     * Brings the database to a quiet, known state outside the measurement: on PostgreSQL, VACUUM ANALYZE
     * (dead tuples gone, planner statistics of the rows just written) and a CHECKPOINT (the write-ahead log
     * of the set-up, and of any earlier trial, flushed now rather than during the timed calls). H2 keeps
     * everything in memory and needs neither.
     */
    void settle() {
        if (isPostgresql()) {
            // VACUUM cannot run inside a transaction block. Only the benchmark's tables: the database may
            // hold others, whose vacuuming would only add to the wait.
            executeAutoCommit("vacuum analyze " + String.join(", ", TABLES));
            executeAutoCommit("checkpoint");
        }
    }

    /**
     * Empties a table between iterations: TRUNCATE leaves no dead rows behind (PostgreSQL gives the table
     * new files), then {@link #settle()}.
     */
    void empty(String table) {
        execute("truncate table " + table);
        settle();
    }

    void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void executeAutoCommit(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try {
                statement.execute(sql);
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            long value = rows.getLong(1);
            connection.commit();
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        engine.dispose();
        dataSource.close();
    }
}
