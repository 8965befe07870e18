package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.model.Customer;
import io.athanor.orm.spring.model.ModelPackage;
import io.athanor.orm.spring.other.Product;
import io.athanor.orm.spring.transaction.AthanorExceptionTranslator;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.LogCapture;

import ch.qos.logback.classic.Level;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AthanorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, AthanorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:auto_" + UUID.randomUUID(),
                    "spring.datasource.generate-unique-name=false");

    @Test
    void withADataSourceTheEngineRegistryAndSessionFactoryArePresent() {
        runner.withUserConfiguration(ModelPackage.class).run(context -> {
            assertThat(context).hasSingleBean(Engine.class).hasSingleBean(Registry.class)
                    .hasSingleBean(SessionFactory.class).hasSingleBean(AthanorExceptionTranslator.class);
            assertThat(context.getBean(Engine.class).dataSource()).isSameAs(context.getBean(DataSource.class));
            assertThat(context.getBean(Registry.class).isMapped(Customer.class)).isTrue();
        });
    }

    @Test
    void withoutADataSourceAthanorBacksOff() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AthanorAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Engine.class)
                        .doesNotHaveBean(Registry.class).doesNotHaveBean(SessionFactory.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource first() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl("jdbc:h2:mem:first");
            return dataSource;
        }

        @Bean
        DataSource second() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl("jdbc:h2:mem:second");
            return dataSource;
        }
    }

    @Test
    void withTwoDataSourcesAndNoPrimaryAthanorBacksOff() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AthanorAutoConfiguration.class))
                .withUserConfiguration(TwoDataSources.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Engine.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        @Bean
        Engine myEngine() {
            return Engine.create("jdbc:h2:mem:own_engine");
        }
    }

    @Test
    void theApplicationsOwnEngineWins() {
        runner.withUserConfiguration(OwnEngine.class, ModelPackage.class).run(context -> {
            assertThat(context).hasSingleBean(Engine.class);
            assertThat(context.getBean(Engine.class).url()).isEqualTo("jdbc:h2:mem:own_engine");
            assertThat(context.getBean(SessionFactory.class).engine()).isSameAs(context.getBean(Engine.class));
        });
    }

    @Test
    void engineAndSessionPropertiesBindAndApply() {
        runner.withUserConfiguration(ModelPackage.class)
                .withPropertyValues("athanor.engine.echo=true", "athanor.engine.compiled-cache-size=42",
                        "athanor.session.autoflush=false", "athanor.session.expire-on-commit=false")
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.echo()).isTrue();
                    assertThat(engine.compiledCache().maxSize()).isEqualTo(42);
                    SessionFactory sessions = context.getBean(SessionFactory.class);
                    assertThat(sessions.autoflush()).isFalse();
                    assertThat(sessions.expireOnCommit()).isFalse();
                });
    }

    @Test
    void anEngineUrlGivesAthanorItsOwnPool() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AthanorAutoConfiguration.class))
                .withUserConfiguration(ModelPackage.class)
                .withPropertyValues("athanor.engine.url=jdbc:h2:mem:own_pool", "athanor.engine.pool.size=2",
                        "athanor.engine.pool.max-overflow=1", "athanor.engine.pool.timeout=5s")
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.url()).isEqualTo("jdbc:h2:mem:own_pool");
                    HikariDataSource pool = (HikariDataSource) engine.dataSource();
                    assertThat(pool.getMinimumIdle()).isEqualTo(2);
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(pool.getConnectionTimeout()).isEqualTo(5000);
                    try (Session session = context.getBean(SessionFactory.class).openSession()) {
                        session.add(new Customer("Ed", "GB"));
                        session.commit();
                    }
                });
    }

    @Test
    void embeddedDatabasesGetTheirTablesByDefault() {
        runner.withUserConfiguration(ModelPackage.class).run(context -> {
            try (Session session = context.getBean(SessionFactory.class).openSession()) {
                session.add(new Customer("Ed", "GB"));
                session.commit();
            }
        });
    }

    @Test
    void schemaCreateNeverLeavesTheDatabaseAlone() {
        runner.withUserConfiguration(ModelPackage.class).withPropertyValues("athanor.schema.create=never")
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    try (var connection = engine.connect()) {
                        assertThat(engine.dialect().hasTable(connection.jdbc(), "customers")).isFalse();
                    }
                });
    }

    @Test
    void theNamingStrategyPropertyNamesColumns() {
        runner.withUserConfiguration(ModelPackage.class).withPropertyValues("athanor.naming-strategy=snake-case")
                .run(context -> assertThat(context.getBean(Registry.class).mapper(Customer.class)
                        .attribute("countryCode").column().name()).isEqualTo("country_code"));
    }

    @Test
    void mappedClassesComeFromTheAutoConfigurationPackage() {
        runner.withUserConfiguration(ModelPackage.class).run(context -> {
            Registry registry = context.getBean(Registry.class);
            assertThat(registry.isMapped(Customer.class)).isTrue();
            assertThat(registry.isMapped(Product.class)).isFalse();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Product.class)
    static class ScanOther {
    }

    @Test
    void entityScanChoosesThePackages() {
        runner.withUserConfiguration(ModelPackage.class, ScanOther.class).run(context -> {
            Registry registry = context.getBean(Registry.class);
            assertThat(registry.isMapped(Product.class)).isTrue();
            assertThat(registry.isMapped(Customer.class)).isFalse();
        });
    }

    @Test
    void scanPackagesPropertyChoosesThePackages() {
        runner.withUserConfiguration(ModelPackage.class)
                .withPropertyValues("athanor.scan-packages=io.athanor.orm.spring.other,io.athanor.orm.spring.model")
                .run(context -> {
                    Registry registry = context.getBean(Registry.class);
                    assertThat(registry.isMapped(Product.class)).isTrue();
                    assertThat(registry.isMapped(Customer.class)).isTrue();
                });
    }

    @Test
    void customizersAreApplied() {
        runner.withUserConfiguration(ModelPackage.class, Customizers.class).run(context -> {
            assertThat(context.getBean(Engine.class).compiledCache().maxSize()).isEqualTo(7);
            assertThat(context.getBean(SessionFactory.class).autoflush()).isFalse();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        EngineCustomizer engineCustomizer() {
            return builder -> builder.compiledCacheSize(7);
        }

        @Bean
        SessionFactoryCustomizer sessionFactoryCustomizer() {
            return builder -> builder.autoflush(false);
        }
    }

    @Test
    void leakDetectionThresholdPropertyReportsASessionLeftOpenOnTheApplicationsDataSource() {
        runner.withUserConfiguration(ModelPackage.class)
                .withPropertyValues("athanor.engine.leak-detection-threshold=100ms")
                .run(context -> {
                    try (LogCapture log = LogCapture.engineLog(Level.WARN);
                         Session session = context.getBean(SessionFactory.class).openSession()) {
                        session.execute(Sql.text("select 1"));

                        List<String> warnings = awaitWarnings(log);
                        assertThat(warnings).hasSize(1);
                        assertThat(warnings.get(0)).startsWith("[ATH-E099] A connection of pool '")
                                .contains("' has been checked out for more than 100 ms (leakDetectionThreshold)");
                    }
                });
    }

    /** The leak detector's own thread logs the warning 100 ms after the check-out. */
    private static List<String> awaitWarnings(LogCapture log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (log.messages(Level.WARN).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return log.messages(Level.WARN);
    }

    @Test
    void statementTimeoutPropertyCancelsALongerStatementOnAthanorsOwnPool() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AthanorAutoConfiguration.class))
                .withUserConfiguration(ModelPackage.class)
                .withPropertyValues("athanor.engine.url=jdbc:h2:mem:timeout_" + UUID.randomUUID(),
                        "athanor.engine.statement-timeout=1s")
                .run(context -> {
                    String slow = "select count(*) from system_range(1, 100000) a, system_range(1, 100000) b";
                    try (Session session = context.getBean(SessionFactory.class).openSession()) {
                        QueryTimeoutException timeout = catchThrowableOfType(QueryTimeoutException.class,
                                () -> session.execute(Sql.text(slow)));

                        assertThat(timeout).as("the slow statement's failure").isNotNull();
                        assertThat(timeout.code()).isEqualTo("ATH-E100");
                        assertThat(timeout.sql()).isEqualTo(slow);
                    }
                });
    }
}
