package io.athanor.sample.shop;

import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.IsolatedDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same API tests with the "postgres" profile, on a fresh PostgreSQL schema. */
@ActiveProfiles("postgres")
class ShopApiPostgresTest extends ShopApiTest {

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

    @Override
    boolean leakDetectionExpected() {
        return false;
    }
}
