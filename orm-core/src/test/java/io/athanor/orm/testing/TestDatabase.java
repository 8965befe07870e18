package io.athanor.orm.testing;

import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.engine.Dialects;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.EngineBuilder;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One isolated, empty database for one test invocation. Engines made through it are disposed and the
 * database removed when the test ends.
 */
public final class TestDatabase {

    private final DatabaseKind kind;
    private final String databaseName;
    private final List<Engine> engines = new ArrayList<>();

    TestDatabase(DatabaseKind kind, String databaseName) {
        this.kind = kind;
        this.databaseName = databaseName;
    }

    /** Which database this is. */
    public DatabaseKind kind() {
        return kind;
    }

    /** h2, postgresql or mariadb. */
    public String label() {
        return kind.label();
    }

    /** The JDBC URL of this test's own database. */
    public String url() {
        return kind.isolatedUrl(databaseName);
    }

    /** The user name. */
    public String username() {
        return kind.username();
    }

    /** The password. */
    public String password() {
        return kind.password();
    }

    /** The dialect the URL selects. */
    public Dialect dialect() {
        return Dialects.forUrl(url()).orElseThrow();
    }

    /** A builder for an engine on this database, with URL and credentials set; disposed after the test. */
    public EngineBuilder engineBuilder() {
        return Engine.builder().url(url()).username(username()).password(password()).poolSize(2).maxOverflow(3);
    }

    /** A new engine on this database with default settings; disposed after the test. */
    public Engine engine() {
        return track(engineBuilder().build());
    }

    /**
     * Registers an engine to be disposed when the test ends.
     *
     * @param engine the engine
     * @return the engine
     */
    public Engine track(Engine engine) {
        engines.add(engine);
        return engine;
    }

    /** An unpooled DataSource on this database: each getConnection() opens a new JDBC connection. */
    public DataSource unpooledDataSource() {
        return new DriverManagerDataSource();
    }

    /**
     * Skips the current test on a database without the capability, saying which.
     *
     * @param capability what the test needs
     */
    public void assumeSupports(Capability capability) {
        Assumptions.assumeTrue(dialect().supports(capability), () -> label() + " does not support " + capability);
    }

    void close() throws SQLException {
        for (Engine engine : engines) {
            engine.dispose();
        }
        kind.drop(databaseName);
    }

    @Override
    public String toString() {
        return label();
    }

    private final class DriverManagerDataSource extends DataSourceSupport {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url(), username(), password());
        }
    }
}
