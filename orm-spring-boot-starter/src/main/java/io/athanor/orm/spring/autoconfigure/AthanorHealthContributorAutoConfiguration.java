package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code athanor} health indicator, when Spring Boot's health support is on the class path; switched
 * off with {@code management.health.athanor.enabled=false}.
 */
@AutoConfiguration(after = AthanorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({Engine.class, Registry.class})
@ConditionalOnEnabledHealthIndicator("athanor")
public class AthanorHealthContributorAutoConfiguration {

    /** Created by Spring Boot. */
    public AthanorHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "athanorHealthIndicator")
    AthanorHealthIndicator athanorHealthIndicator(Engine engine, Registry registry) {
        return new AthanorHealthIndicator(engine, registry);
    }
}
