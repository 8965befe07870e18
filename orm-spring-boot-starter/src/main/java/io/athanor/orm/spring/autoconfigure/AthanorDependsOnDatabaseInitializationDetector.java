package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.session.SessionFactory;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

import java.util.Set;

/**
 * Makes Athanor's beans wait for database initialization ({@code schema.sql}, Flyway, Liquibase), as
 * Spring Boot's own data starters do.
 */
public final class AthanorDependsOnDatabaseInitializationDetector
        extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public AthanorDependsOnDatabaseInitializationDetector() {
    }

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Engine.class, AthanorSchemaInitializer.class, SessionFactory.class);
    }
}
