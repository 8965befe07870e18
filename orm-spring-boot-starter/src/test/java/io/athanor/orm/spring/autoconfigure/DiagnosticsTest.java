package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.MappingException;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.broken.Broken;
import io.athanor.orm.spring.model.Customer;
import io.athanor.orm.spring.model.ModelPackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure analyzers, configuration metadata, health and metrics. */
class DiagnosticsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, AthanorAutoConfiguration.class,
                    AthanorHealthContributorAutoConfiguration.class, AthanorMetricsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:diag_" + UUID.randomUUID(),
                    "spring.datasource.generate-unique-name=false");

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Broken.class)
    static class BrokenPackage {
    }

    @Test
    void aBadMappingStopsStartupWithAReportNamingClassAndField() {
        runner.withUserConfiguration(BrokenPackage.class).run(context -> {
            assertThat(context).hasFailed();
            MappingException cause = findCause(context.getStartupFailure(), MappingException.class);
            FailureAnalysis analysis = new MappingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(cause.code()).isEqualTo("ATH-E051");
            assertThat(analysis.getDescription()).startsWith("Athanor could not map the application's classes:")
                    .contains("Broken.tags has type java.util.List, which has no column type.");
            assertThat(analysis.getAction()).isEqualTo("Fix the mapping of the class and field named above;"
                    + " docs/errors.md#ATH-E051 explains this error.");
        });
    }

    @Test
    void anUnknownScanPackageStopsStartupNamingTheProperty() {
        runner.withPropertyValues("athanor.scan-packages=com.example.typo").run(context -> {
            FailureAnalysis analysis = new MappingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("[ATH-E058] athanor.scan-packages names package"
                    + " 'com.example.typo', which holds no @Table class");
            assertThat(analysis.getAction()).startsWith("Correct 'athanor.scan-packages' (or @EntityScan)");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsSessions {
        @Bean
        String needsSessions(SessionFactory sessions) {
            return "x";
        }
    }

    @Test
    void noDataSourceIsExplainedWhenTheApplicationNeedsASessionFactory() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AthanorAutoConfiguration.class))
                .withUserConfiguration(NeedsSessions.class).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new NoEngineFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("A bean of type io.athanor.orm.session.SessionFactory"
                            + " was required, but Athanor did not create one: it needs a single DataSource (or a @Primary"
                            + " one among several), or the property 'athanor.engine.url'.");
                    assertThat(analysis.getAction()).contains("set 'spring.datasource.url'");
                    assertThat(findCause(context.getStartupFailure(), NoSuchBeanDefinitionException.class)).isNotNull();
                });
    }

    @Test
    void theConfigurationMetadataListsEveryProperty() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode root = new ObjectMapper().readTree(json);
            root.get("properties").forEach(property -> names.add(property.get("name").asText()));
            assertThat(root.get("properties").findValuesAsText("description")).doesNotContain("");
            assertThat(root.get("hints").findValuesAsText("name")).contains("athanor.schema.create",
                    "athanor.naming-strategy");
        }
        assertThat(names).contains("athanor.scan-packages", "athanor.naming-strategy", "athanor.engine.url",
                "athanor.engine.username", "athanor.engine.password", "athanor.engine.echo", "athanor.engine.fetch-size",
                "athanor.engine.defer-begin",
                "athanor.engine.compiled-cache-size", "athanor.engine.statement-timeout",
                "athanor.engine.leak-detection-threshold", "athanor.engine.pool.size", "athanor.engine.pool.max-overflow",
                "athanor.engine.pool.timeout", "athanor.session.autoflush", "athanor.session.expire-on-commit",
                "athanor.schema.create", "athanor.metrics.enabled", "management.health.athanor.enabled");
    }

    @Test
    void healthIsUpWhenTheMappedTablesExist() {
        runner.withUserConfiguration(ModelPackage.class).run(context -> {
            Health health = context.getBean(AthanorHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mappedTables", 1);
        });
    }

    @Test
    void healthIsDownAndListsWhatIsMissingWhenTheSchemaDoesNotMatch() {
        runner.withUserConfiguration(ModelPackage.class).withPropertyValues("athanor.schema.create=never")
                .run(context -> {
                    Health health = context.getBean(AthanorHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("missing", List.of("table customers"));
                });
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withUserConfiguration(ModelPackage.class).withPropertyValues("management.health.athanor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AthanorHealthIndicator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void metricsCountSessionsFlushesAndStatements() {
        runner.withUserConfiguration(ModelPackage.class, Meters.class).run(context -> {
            try (Session session = context.getBean(SessionFactory.class).openSession()) {
                session.add(new Customer("Ed", "GB"));
                session.commit();
                session.get(Customer.class, 1L);
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("athanor.sessions.opened").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("athanor.flushes").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("athanor.flush.duration").timer().count()).isEqualTo(1);
            assertThat(meters.get("athanor.statements").tag("kind", "insert").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("athanor.statements").tag("kind", "select").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void metricsCanBeSwitchedOff() {
        runner.withUserConfiguration(ModelPackage.class, Meters.class).withPropertyValues("athanor.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AthanorMetrics.class));
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }
}
