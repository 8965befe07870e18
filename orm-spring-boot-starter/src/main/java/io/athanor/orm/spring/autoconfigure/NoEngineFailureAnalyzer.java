package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.SessionFactory;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.Set;

/**
 * Explains why Athanor's beans are missing when the application needs one: no DataSource (or several
 * without a primary one) and no {@code athanor.engine.url}.
 */
class NoEngineFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    private static final Set<Class<?>> ATHANOR_TYPES = Set.of(Engine.class, Registry.class, SessionFactory.class);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType();
        if (type == null || !ATHANOR_TYPES.contains(type)) {
            return null;
        }
        return new FailureAnalysis("A bean of type " + type.getName() + " was required, but Athanor did not create"
                + " one: it needs a single DataSource (or a @Primary one among several), or the property"
                + " 'athanor.engine.url'.",
                "Add a JDBC driver and set 'spring.datasource.url' (Spring Boot then creates the DataSource), mark one"
                        + " of your DataSources @Primary, or set 'athanor.engine.url' for a pool of Athanor's own.", cause);
    }
}
