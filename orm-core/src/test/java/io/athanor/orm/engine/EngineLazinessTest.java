package io.athanor.orm.engine;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DataSourceSupport;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLazinessTest {

    @AcrossDatabases
    void creatingAnEngineOverADataSourceOpensNoConnection(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.unpooledDataSource());
        Engine engine = db.track(Engine.of(counting));

        assertThat(counting.connections.get()).isZero();
        try (Connection connection = engine.connect()) {
            assertThat(counting.connections.get()).isEqualTo(1);
            assertThat(connection.dialect().name()).isEqualTo(db.label());
        }
        assertThat(counting.connections.get()).isEqualTo(1);
    }

    @AcrossDatabases
    void theEnginesOwnPoolStartsAtTheFirstConnect(TestDatabase db) {
        Engine engine = db.engine();
        HikariDataSource pool = (HikariDataSource) engine.dataSource();

        assertThat(pool.getHikariPoolMXBean()).as("pool before connect()").isNull();
        try (Connection connection = engine.connect()) {
            assertThat(pool.getHikariPoolMXBean()).isNotNull();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @AcrossDatabases
    void anUnreachableDatabaseFailsOnlyAtConnect(TestDatabase db) {
        String unreachable = db.kind() == io.athanor.orm.testing.DatabaseKind.H2
                ? "jdbc:h2:tcp://127.0.0.1:1/mem:nothing" : db.url().replaceFirst(":(5432|3306)/", ":1/");
        Engine engine = Engine.builder().url(unreachable).username(db.username()).password(db.password()).build();

        assertThat(engine.dialect().name()).isEqualTo(db.label());
        assertThatThrownBy(engine::connect)
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("[ATH-E011] Could not get a connection from Engine(" + unreachable + ")")
                .hasMessageEndingWith("Check that the database is running and reachable, and the URL and credentials.");
        engine.dispose();
    }

    @Test
    void aDisposedEngineRefusesToConnect() {
        Engine engine = Engine.create("jdbc:h2:mem:disposed");
        engine.dispose();

        assertThatThrownBy(engine::connect)
                .hasMessage("[ATH-E010] Engine(jdbc:h2:mem:disposed) was disposed; create a new Engine to connect again.");
    }

    @Test
    void disposeLeavesTheApplicationsDataSourceOpen() {
        try (HikariDataSource applicationPool = new HikariDataSource()) {
            applicationPool.setJdbcUrl("jdbc:h2:mem:app_pool");
            Engine engine = Engine.of(applicationPool);
            engine.connect().close();

            engine.dispose();

            assertThat(applicationPool.isClosed()).isFalse();
        }
    }

    static final class CountingDataSource extends DataSourceSupport {
        final AtomicInteger connections = new AtomicInteger();
        private final DataSource target;

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public java.sql.Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return target.getConnection();
        }
    }
}
