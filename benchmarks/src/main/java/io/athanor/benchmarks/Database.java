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
 * the same HikariCP settings and driver flags for raw JDBC and for Athanor.
 */
final class Database implements AutoCloseable {

    final HikariDataSource dataSource;
    final Engine engine;
    final SessionFactory sessions;

    Database(String name) {
        HikariConfig config = new HikariConfig();
        switch (name) {
            case "h2" -> config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
            case "postgresql" -> {
                config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
                config.setUsername("postgres");
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            default -> throw new IllegalArgumentException("Unknown database '" + name + "'; use h2 or postgresql.");
        }
        config.setMaximumPoolSize(2);
        config.setAutoCommit(false);
        dataSource = new HikariDataSource(config);
        engine = Engine.of(dataSource);
        Registry registry = Registry.of(Item.class, AutoItem.class, Parent.class, Child.class);
        sessions = SessionFactory.of(engine, registry);
        for (String table : new String[] {"bench_child", "bench_parent", "bench_auto_item", "bench_item"}) {
            execute("drop table if exists " + table);
        }
        registry.metadata().createAll(engine);
        // Hibernate's best documented path for generated keys is a sequence with pooled allocation;
        // the other peers use the identity column, both write the same table.
        execute("drop sequence if exists bench_auto_item_seq");
        execute("create sequence bench_auto_item_seq start with 1 increment by 50");
    }

    void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
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
