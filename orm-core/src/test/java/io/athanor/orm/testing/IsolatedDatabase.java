package io.athanor.orm.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for tests that cannot take a {@link TestDatabase} parameter, such as Spring Boot
 * tests that need the URL before the context starts. An unreachable server skips the test (saying why),
 * or fails it when {@code ATHANOR_REQUIRE_DATABASES} names the database. Close it to drop the database.
 */
public final class IsolatedDatabase implements AutoCloseable {

    private final DatabaseKind kind;
    private final String name;

    private IsolatedDatabase(DatabaseKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /**
     * Creates an empty database (a schema on PostgreSQL, a database on MariaDB).
     *
     * @param kind the database
     * @return the database
     * @throws Exception when it cannot be created
     */
    public static IsolatedDatabase create(DatabaseKind kind) throws Exception {
        String reason = ServerAvailability.unreachableReason(kind);
        if (reason != null) {
            if (ServerAvailability.required(kind)) {
                throw new IllegalStateException(reason + "; ATHANOR_REQUIRE_DATABASES requires it");
            }
            DatabaseSummary.skipped(kind, reason);
            Assumptions.abort("SKIPPED on " + reason);
        }
        String name = kind.newDatabaseName();
        kind.create(name);
        DatabaseSummary.ran(kind);
        return new IsolatedDatabase(kind, name);
    }

    /** The JDBC URL. */
    public String url() {
        return kind.isolatedUrl(name);
    }

    /** The user. */
    public String username() {
        return kind.username();
    }

    /** The password. */
    public String password() {
        return kind.password();
    }

    @Override
    public void close() throws Exception {
        kind.drop(name);
    }
}
