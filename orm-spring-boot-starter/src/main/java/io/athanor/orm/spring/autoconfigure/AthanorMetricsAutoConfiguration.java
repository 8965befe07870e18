package io.athanor.orm.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Records Athanor's sessions, flushes and statements in Micrometer when a {@link MeterRegistry} exists;
 * switched off with {@code athanor.metrics.enabled=false}.
 */
@AutoConfiguration(before = AthanorAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "athanor.metrics", name = "enabled", matchIfMissing = true)
public class AthanorMetricsAutoConfiguration {

    /** Created by Spring Boot. */
    public AthanorMetricsAutoConfiguration() {
    }

    @Bean
    AthanorMetrics athanorMetrics(MeterRegistry registry) {
        return new AthanorMetrics(registry);
    }

    @Bean
    EngineCustomizer athanorMetricsEngineCustomizer(AthanorMetrics metrics) {
        return builder -> builder.statementListener(metrics);
    }

    @Bean
    SessionFactoryCustomizer athanorMetricsSessionFactoryCustomizer(AthanorMetrics metrics) {
        return builder -> builder.listener(metrics);
    }
}
