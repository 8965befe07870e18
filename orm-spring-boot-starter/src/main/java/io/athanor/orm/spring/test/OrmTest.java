package io.athanor.orm.spring.test;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of the persistence layer only (like {@code @DataJdbcTest} and {@code @JooqTest}): the
 * DataSource, transaction and Athanor auto-configurations and the application's {@code @Table} classes,
 * no other components; an embedded database replaces the configured one (see
 * {@link AutoConfigureTestDatabase}); each test runs in a transaction rolled back at its end, so
 * {@code sessionFactory.currentSession()} works in test methods.
 *
 * <pre>{@code
 * @OrmTest
 * class CustomerMappingTest {
 *     @Autowired SessionFactory sessions;
 *
 *     @Test
 *     void savesACustomer() {
 *         Session session = sessions.currentSession();
 *         session.add(new Customer("Ed", "UK"));
 *         session.flush();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(OrmTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(OrmTypeExcludeFilter.class)
@Transactional
@AutoConfigureAthanor
@AutoConfigureTestDatabase
@ImportAutoConfiguration
public @interface OrmTest {

    /**
     * Properties ({@code key=value}) added to the Spring environment before the test runs.
     *
     * @return the properties
     */
    String[] properties() default {};

    /**
     * Whether the default component filters of {@code @SpringBootApplication} apply; by default no
     * components are included.
     *
     * @return whether default filters are used
     */
    boolean useDefaultFilters() default true;

    /**
     * Include filters for components that should be part of the test context.
     *
     * @return include filters
     */
    ComponentScan.Filter[] includeFilters() default {};

    /**
     * Exclude filters for components that would otherwise be included.
     *
     * @return exclude filters
     */
    ComponentScan.Filter[] excludeFilters() default {};

    /**
     * Auto-configurations to exclude for this test.
     *
     * @return the classes to exclude
     */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
