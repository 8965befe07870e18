package io.athanor.orm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the suite runs on, each with its address (overridable by environment variables) and
 * its way of giving every test an isolated, empty database.
 */
public enum DatabaseKind {
    H2("h2", "jdbc:h2:mem:", "sa", "") {
        @Override
        String isolatedUrl(String name) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }

        @Override
        void create(String name) {
            // H2 creates an in-memory database on first connection.
        }

        @Override
        void drop(String name) throws SQLException {
            try (Connection connection = DriverManager.getConnection(isolatedUrl(name), username(), password());
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    },
    POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "") {
        @Override
        String isolatedUrl(String name) {
            String base = baseUrl();
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        void create(String name) throws SQLException {
            admin("CREATE SCHEMA " + name);
        }

        @Override
        void drop(String name) throws SQLException {
            admin("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    },
    MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root", "") {
        @Override
        String isolatedUrl(String name) {
            String base = baseUrl();
            int query = base.indexOf('?');
            String path = query < 0 ? base : base.substring(0, query);
            String parameters = query < 0 ? "" : base.substring(query);
            return path.substring(0, path.lastIndexOf('/') + 1) + name + parameters;
        }

        @Override
        void create(String name) throws SQLException {
            admin("CREATE DATABASE " + name);
        }

        @Override
        void drop(String name) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + name);
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String label;
    private final String defaultUrl;
    private final String defaultUser;
    private final String defaultPassword;

    DatabaseKind(String label, String defaultUrl, String defaultUser, String defaultPassword) {
        this.label = label;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.defaultPassword = defaultPassword;
    }

    /** The database's short name: h2, postgresql, mariadb. */
    public String label() {
        return label;
    }

    /** The server's URL: {@code ATHANOR_TEST_<NAME>_URL} or the default of DEVELOPERS.md. */
    public String baseUrl() {
        return setting("URL", defaultUrl);
    }

    /** The user: {@code ATHANOR_TEST_<NAME>_USER} or the default. */
    public String username() {
        return setting("USER", defaultUser);
    }

    /** The password: {@code ATHANOR_TEST_<NAME>_PASSWORD} or the default. */
    public String password() {
        return setting("PASSWORD", defaultPassword);
    }

    private String setting(String key, String fallback) {
        String value = System.getenv("ATHANOR_TEST_" + name() + "_" + key);
        return value == null ? fallback : value;
    }

    String newDatabaseName() {
        return ("athanor_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    abstract String isolatedUrl(String name);

    abstract void create(String name) throws SQLException;

    abstract void drop(String name) throws SQLException;

    void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl(), username(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
