package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.EngineBuilder;
import io.athanor.orm.mapping.NamingStrategy;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.session.SessionFactoryBuilder;
import io.athanor.orm.spring.transaction.AthanorExceptionTranslator;
import io.athanor.orm.spring.transaction.SpringCurrentSessionContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;

/**
 * Auto-configuration of Athanor: an {@link Engine} over the application's DataSource (or over
 * {@code athanor.engine.url}), a {@link Registry} of the {@code @Table} classes found at startup, and a
 * {@link SessionFactory} whose {@code currentSession()} is bound to Spring transactions. Every bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnClass({SessionFactory.class, DataSource.class})
@EnableConfigurationProperties(AthanorProperties.class)
@Import({AthanorAutoConfiguration.DataSourceEngineConfiguration.class,
        AthanorAutoConfiguration.UrlEngineConfiguration.class})
public class AthanorAutoConfiguration {

    /** Created by Spring Boot. */
    public AthanorAutoConfiguration() {
    }

    /** The engine over the application's single (or primary) DataSource. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnNoEngineUrlCondition.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class DataSourceEngineConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Engine athanorEngine(DataSource dataSource, AthanorProperties properties,
                             ObjectProvider<EngineCustomizer> customizers) {
            AthanorProperties.Engine settings = properties.getEngine();
            EngineBuilder builder = Engine.builder().dataSource(dataSource).echo(settings.isEcho())
                    .fetchSize(settings.getFetchSize()).deferBegin(settings.isDeferBegin()).compiledCacheSize(settings.getCompiledCacheSize());
            applyTimeouts(builder, settings);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        AthanorSchemaInitializer athanorSchemaInitializer(Engine engine, Registry registry, DataSource dataSource,
                                                          AthanorProperties properties) {
            AthanorProperties.SchemaCreate create = properties.getSchema().getCreate();
            return new AthanorSchemaInitializer(engine, registry, create == AthanorProperties.SchemaCreate.ALWAYS
                    || (create == AthanorProperties.SchemaCreate.EMBEDDED && EmbeddedDatabaseConnection.isEmbedded(dataSource)));
        }
    }

    /** The engine with its own pool, when {@code athanor.engine.url} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "athanor.engine", name = "url")
    static class UrlEngineConfiguration {

        @Bean(destroyMethod = "dispose")
        @ConditionalOnMissingBean
        Engine athanorEngine(AthanorProperties properties, ObjectProvider<EngineCustomizer> customizers) {
            AthanorProperties.Engine settings = properties.getEngine();
            EngineBuilder builder = Engine.builder().url(settings.getUrl()).username(settings.getUsername())
                    .password(settings.getPassword()).echo(settings.isEcho()).fetchSize(settings.getFetchSize()).deferBegin(settings.isDeferBegin())
                    .compiledCacheSize(settings.getCompiledCacheSize()).poolSize(settings.getPool().getSize())
                    .maxOverflow(settings.getPool().getMaxOverflow()).poolTimeout(settings.getPool().getTimeout());
            applyTimeouts(builder, settings);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        AthanorSchemaInitializer athanorSchemaInitializer(Engine engine, Registry registry,
                                                          AthanorProperties properties) {
            AthanorProperties.SchemaCreate create = properties.getSchema().getCreate();
            String url = properties.getEngine().getUrl();
            boolean embedded = url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:hsqldb:mem:")
                    || url.startsWith("jdbc:derby:memory:");
            return new AthanorSchemaInitializer(engine, registry, create == AthanorProperties.SchemaCreate.ALWAYS
                    || (create == AthanorProperties.SchemaCreate.EMBEDDED && embedded));
        }
    }

    @Bean
    @ConditionalOnBean(Engine.class)
    @ConditionalOnMissingBean
    Registry athanorRegistry(ApplicationContext context, AthanorProperties properties) {
        NamingStrategy naming = properties.getNamingStrategy() == AthanorProperties.NamingStrategyName.SNAKE_CASE
                ? NamingStrategy.SNAKE_CASE : NamingStrategy.AS_IS;
        return Registry.builder().namingStrategy(naming)
                .add(new MappedClassScanner(context).scan(properties.getScanPackages()).toArray(Class<?>[]::new))
                .build();
    }

    @Bean
    @ConditionalOnBean(Engine.class)
    @ConditionalOnMissingBean
    SessionFactory athanorSessionFactory(Engine engine, Registry registry, AthanorSchemaInitializer schema,
                                         AthanorProperties properties, ObjectProvider<SessionFactoryCustomizer> customizers) {
        SessionFactoryBuilder builder = SessionFactory.builder(engine, registry)
                .autoflush(properties.getSession().isAutoflush())
                .expireOnCommit(properties.getSession().isExpireOnCommit())
                .nPlusOneThreshold(properties.getSession().getNPlusOneThreshold())
                .nPlusOneRaises(properties.getSession().isNPlusOneRaise())
                .currentSessionContext(new SpringCurrentSessionContext(engine.dataSource()));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    static AthanorExceptionTranslator athanorExceptionTranslator() {
        return new AthanorExceptionTranslator();
    }

    /** Settings both engines take, whoever owns the pool; unset means the engine's default (off). */
    private static void applyTimeouts(EngineBuilder builder, AthanorProperties.Engine settings) {
        if (settings.getStatementTimeout() != null) {
            builder.statementTimeout(settings.getStatementTimeout());
        }
        if (settings.getLeakDetectionThreshold() != null) {
            builder.leakDetectionThreshold(settings.getLeakDetectionThreshold());
        }
    }
}
