package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.dialect.postgresql.PostgresDialect;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineBuilderTest {

    @Test
    void poolSettingsMapOntoHikari() {
        try (Engine engine = Engine.builder().url("jdbc:h2:mem:settings").username("sa").password("secret")
                .poolSize(3).maxOverflow(4).poolTimeout(Duration.ofSeconds(2)).isolationLevel(IsolationLevel.SERIALIZABLE)
                .poolName("shop-pool").poolProperty("maxLifetime", "600000").driverProperty("MODE", "Regular").build()) {
            HikariDataSource pool = (HikariDataSource) engine.dataSource();

            assertThat(pool.getMinimumIdle()).isEqualTo(3);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
            assertThat(pool.getConnectionTimeout()).isEqualTo(2000);
            assertThat(pool.getTransactionIsolation()).isEqualTo("TRANSACTION_SERIALIZABLE");
            assertThat(pool.getPoolName()).isEqualTo("shop-pool");
            assertThat(pool.getMaxLifetime()).isEqualTo(600_000);
            assertThat(pool.getDataSourceProperties()).containsEntry("MODE", "Regular");
            assertThat(pool.isAutoCommit()).isFalse();
            assertThat(pool.getUsername()).isEqualTo("sa");
        }
    }

    @Test
    void theIsolationLevelIsAppliedToConnections() {
        try (Engine engine = Engine.builder().url("jdbc:h2:mem:isolation").isolationLevel(IsolationLevel.SERIALIZABLE).build();
             Connection conn = engine.connect()) {
            assertThat(conn.jdbc().getTransactionIsolation()).isEqualTo(java.sql.Connection.TRANSACTION_SERIALIZABLE);
        } catch (java.sql.SQLException unexpected) {
            throw new AssertionError(unexpected);
        }
    }

    @Test
    void theDialectComesFromTheUrlWithoutConnecting() {
        try (Engine engine = Engine.create("jdbc:postgresql://127.0.0.1:1/none")) {
            assertThat(engine.dialect()).isInstanceOf(PostgresDialect.class);
            assertThat(((HikariDataSource) engine.dataSource()).getHikariPoolMXBean()).isNull();
        }
    }

    @Test
    void anUnknownPoolPropertyIsRefusedByName() {
        assertThatThrownBy(() -> Engine.builder().url("jdbc:h2:mem:x").poolProperty("maxLifeTimeTypo", "1").build())
                .isInstanceOf(ArgumentException.class)
                .hasMessageStartingWith("[ATH-E017] Invalid engine setting: a poolProperty is not a HikariCP setting (")
                .hasMessageContaining("maxLifeTimeTypo");
    }

    @Test
    void aMissingUrlIsRefused() {
        assertThatThrownBy(() -> Engine.builder().build())
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E017] Invalid engine setting: url(..) is required, e.g. Engine.create(\"jdbc:h2:mem:shop\").");
    }

    @Test
    void aPoolOfNoConnectionsIsRefused() {
        assertThatThrownBy(() -> Engine.builder().url("jdbc:h2:mem:x").poolSize(0).build())
                .hasMessage("[ATH-E017] Invalid engine setting: poolSize must be at least 1, not 0.");
        assertThatThrownBy(() -> Engine.builder().url("jdbc:h2:mem:x").maxOverflow(-1).build())
                .hasMessage("[ATH-E017] Invalid engine setting: maxOverflow must be 0 or more, not -1.");
        assertThatThrownBy(() -> Engine.builder().url("jdbc:h2:mem:x").poolTimeout(Duration.ofMillis(10)).build())
                .hasMessage("[ATH-E017] Invalid engine setting: poolTimeout must be at least 250 ms, not PT0.01S.");
    }

    @Test
    void aUrlAndADataSourceTogetherAreRefused() {
        try (HikariDataSource pool = new HikariDataSource()) {
            assertThatThrownBy(() -> Engine.builder().url("jdbc:h2:mem:x").dataSource(pool).build())
                    .hasMessage("[ATH-E017] Invalid engine setting: give either url(..) or dataSource(..), not both.");
        }
    }

    @Test
    void poolSettingsAreRefusedForAnApplicationsDataSource() {
        try (HikariDataSource pool = new HikariDataSource()) {
            assertThatThrownBy(() -> Engine.builder().dataSource(pool).poolSize(3).username("app").build())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessage("[ATH-E017] Invalid engine setting: poolSize, username configure the engine's own pool"
                            + " and do not apply to a dataSource(..); configure the application's pool instead.");
        }
    }

    @Test
    void dialectsAreFoundByUrlAndByProductName() {
        assertThat(Dialects.forUrl("jdbc:h2:mem:x").orElseThrow().name()).isEqualTo("h2");
        assertThat(Dialects.forUrl("jdbc:postgresql://h/db").orElseThrow().name()).isEqualTo("postgresql");
        assertThat(Dialects.forUrl("jdbc:mariadb://h/db").orElseThrow().name()).isEqualTo("mariadb");
        assertThat(Dialects.forUrl("jdbc:mysql://h/db").orElseThrow().name()).isEqualTo("mysql");
        assertThat(Dialects.forUrl("jdbc:oracle:thin:@h:1521/x")).isEmpty();
        assertThat(Dialects.forProductName("PostgreSQL").name()).isEqualTo("postgresql");
        assertThat(Dialects.forProductName("MariaDB").name()).isEqualTo("mariadb");
        assertThatThrownBy(() -> Dialects.forProductName("Oracle"))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E016] No Athanor dialect for database product 'Oracle'. Supported: H2, PostgreSQL,"
                        + " MariaDB, MySQL; pass a Dialect to Engine.builder().dialect(..) for another one.");
    }
}
