package io.athanor.benchmarks.peers.springdata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Optional;

/** The beans Spring Data JDBC's reference guide lists for a configuration without Spring Boot. */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = SdjConfiguration.class)
class SdjConfiguration extends AbstractJdbcConfiguration {

    private final SdjSettings settings;

    SdjConfiguration(SdjSettings settings) {
        this.settings = settings;
    }

    @Bean
    NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
        return new NamedParameterJdbcTemplate(dataSource);
    }

    /** Named {@code transactionManager}: the repositories' own {@code @Transactional} looks it up by that name. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** The dialect of the workload's database, rather than one detected over a connection. */
    @Bean
    @Override
    public JdbcDialect jdbcDialect(NamedParameterJdbcOperations operations) {
        return switch (settings.database()) {
            case "h2" -> JdbcH2Dialect.INSTANCE;
            case "postgresql" -> JdbcPostgresDialect.INSTANCE;
            default -> throw new IllegalArgumentException("Unknown database '" + settings.database() + "'");
        };
    }

    @Bean
    @Override
    public JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
                                                 JdbcCustomConversions customConversions,
                                                 RelationalManagedTypes jdbcManagedTypes) {
        JdbcMappingContext context = super.jdbcMappingContext(namingStrategy, customConversions, jdbcManagedTypes);
        // The tables were created with unquoted names (upper case in H2); Spring Data quotes by default.
        context.setForceQuote(false);
        context.setSingleQueryLoadingEnabled(settings.singleQueryLoading());
        return context;
    }
}
