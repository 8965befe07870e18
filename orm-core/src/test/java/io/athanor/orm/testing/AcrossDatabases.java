package io.athanor.orm.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once per database: H2 always, PostgreSQL and MariaDB when reachable. The test takes a
 * {@link TestDatabase} parameter: a fresh, empty database (H2 in memory, a new schema on PostgreSQL,
 * a new database on MariaDB) that is removed afterwards.
 *
 * <p>An unreachable server is reported as skipped, by name, unless {@code ATHANOR_REQUIRE_DATABASES}
 * lists it (CI sets {@code postgresql,mariadb}), in which case its tests fail.
 * {@code ATHANOR_TEST_DATABASES} (e.g. {@code h2}) limits which databases run at all.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseInvocationProvider.class)
public @interface AcrossDatabases {
}
