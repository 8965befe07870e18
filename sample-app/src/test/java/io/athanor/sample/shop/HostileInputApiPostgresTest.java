package io.athanor.sample.shop;

import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.IsolatedDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same hostile-input API tests with the "postgres" profile, on a fresh PostgreSQL schema: PostgreSQL
 * refuses NUL in text and is where a lone surrogate would have been stored as '?'.
 */
@ActiveProfiles("postgres")
class HostileInputApiPostgresTest extends HostileInputApiTest {

    private static IsolatedDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = IsolatedDatabase.create(DatabaseKind.POSTGRESQL);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> database.url());
        properties.add("spring.datasource.username", () -> database.username());
        properties.add("spring.datasource.password", () -> database.password());
    }
}
