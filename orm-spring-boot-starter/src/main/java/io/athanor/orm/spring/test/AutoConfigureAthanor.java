package io.athanor.orm.spring.test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Imports the auto-configurations an Athanor test needs: DataSource, JDBC transactions and Athanor (as
 * listed in {@code META-INF/spring/io.athanor.orm.spring.test.AutoConfigureAthanor.imports}). Used by
 * {@link OrmTest}; add it to other tests that need Athanor without the whole application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureAthanor {
}
