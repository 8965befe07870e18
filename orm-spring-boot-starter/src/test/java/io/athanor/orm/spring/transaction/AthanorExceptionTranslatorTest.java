package io.athanor.orm.spring.transaction;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;
import io.athanor.orm.PoolTimeoutException;
import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.TransactionConflictException;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.autoconfigure.AthanorAutoConfiguration;
import io.athanor.orm.spring.model.Customer;
import io.athanor.orm.spring.model.ModelPackage;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Repository;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;

import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Athanor's exceptions become the Spring {@link DataAccessException} that Spring's own JDBC support raises. */
class AthanorExceptionTranslatorTest {

    private final AthanorExceptionTranslator translator = new AthanorExceptionTranslator();

    private static SQLException driverError(String sqlState) {
        return new SQLException("driver says no", sqlState);
    }

    @Test
    void aDuplicateKeyBecomesDuplicateKeyException() {
        IntegrityException duplicate = new IntegrityException("ATH-E030", "dup", "insert", List.of(),
                driverError("23505"), IntegrityException.Kind.UNIQUE, "uq");

        assertThat(translator.translateExceptionIfPossible(duplicate))
                .isExactlyInstanceOf(DuplicateKeyException.class).hasMessage("[ATH-E030] dup").hasCause(duplicate);
    }

    @Test
    void anotherConstraintViolationBecomesDataIntegrityViolationException() {
        IntegrityException notNull = new IntegrityException("ATH-E030", "null", "insert", List.of(),
                driverError("23502"), IntegrityException.Kind.NOT_NULL, "name");

        assertThat(translator.translateExceptionIfPossible(notNull))
                .isExactlyInstanceOf(DataIntegrityViolationException.class).hasCause(notNull);
    }

    @Test
    void staleDataBecomesOptimisticLockingFailure() {
        StaleDataException stale = new StaleDataException("ATH-E060", "stale");

        assertThat(translator.translateExceptionIfPossible(stale))
                .isExactlyInstanceOf(OptimisticLockingFailureException.class).hasCause(stale);
    }

    @Test
    void oneWithoutARowBecomesEmptyResultWithExpectedSizeOne() {
        DataAccessException translated = translator.translateExceptionIfPossible(
                new NoResultFoundException("ATH-E001", "none"));

        assertThat(translated).isExactlyInstanceOf(EmptyResultDataAccessException.class);
        assertThat(((EmptyResultDataAccessException) translated).getExpectedSize()).isEqualTo(1);
    }

    @Test
    void oneWithSeveralRowsBecomesIncorrectResultSize() {
        assertThat(translator.translateExceptionIfPossible(new MultipleResultsFoundException("ATH-E002", "many")))
                .isExactlyInstanceOf(IncorrectResultSizeDataAccessException.class);
    }

    @Test
    void apiMisuseBecomesInvalidDataAccessApiUsage() {
        assertThat(translator.translateExceptionIfPossible(new InvalidRequestException("ATH-E060", "closed")))
                .isExactlyInstanceOf(InvalidDataAccessApiUsageException.class);
    }

    @Test
    void aLostConnectionBecomesDataAccessResourceFailure() {
        ConnectionLostException lost = new ConnectionLostException("ATH-E097", "lost", "insert", List.of(),
                driverError("57P01"));

        assertThat(translator.translateExceptionIfPossible(lost))
                .isExactlyInstanceOf(DataAccessResourceFailureException.class).hasMessage("[ATH-E097] lost")
                .hasCause(lost);
    }

    @Test
    void anExhaustedPoolBecomesCannotGetJdbcConnectionWithAthanorsExceptionAsCause() {
        PoolTimeoutException timeout = new PoolTimeoutException("ATH-E098", "pool 'p' exhausted",
                new SQLTransientConnectionException("p - Connection is not available"));

        assertThat(translator.translateExceptionIfPossible(timeout))
                .isExactlyInstanceOf(CannotGetJdbcConnectionException.class).hasMessage("[ATH-E098] pool 'p' exhausted")
                .hasCause(timeout);
    }

    @Test
    void aLockTimeoutBecomesCannotAcquireLock() {
        // MariaDB reports a lock wait timeout with the generic SQLState HY000 (error 1205): only Athanor's
        // classification tells it apart.
        LockTimeoutException timeout = new LockTimeoutException("ATH-E101", "lock", "update", List.of(),
                new SQLException("Lock wait timeout exceeded", "HY000", 1205));

        assertThat(translator.translateExceptionIfPossible(timeout))
                .isExactlyInstanceOf(CannotAcquireLockException.class).hasCause(timeout);
    }

    @Test
    void aStatementTimeoutBecomesSpringsQueryTimeout() {
        QueryTimeoutException timeout = new QueryTimeoutException("ATH-E100", "slow", "select", List.of(),
                driverError("57014"));

        assertThat(translator.translateExceptionIfPossible(timeout))
                .isExactlyInstanceOf(org.springframework.dao.QueryTimeoutException.class).hasCause(timeout);
    }

    @Test
    void aDeadlockOrSerializationFailureBecomesPessimisticLockingFailure() {
        TransactionConflictException deadlock = new TransactionConflictException("ATH-E104", "deadlock", "update",
                List.of(), driverError("40P01"));

        assertThat(translator.translateExceptionIfPossible(deadlock))
                .isExactlyInstanceOf(PessimisticLockingFailureException.class).hasCause(deadlock);
    }

    @Test
    void anotherDriverErrorIsTranslatedBySqlState() {
        DatabaseException syntax = new DatabaseException("ATH-E031", "syntax", "selec", List.of(),
                driverError("42601"));

        assertThat(translator.translateExceptionIfPossible(syntax))
                .isInstanceOf(org.springframework.jdbc.BadSqlGrammarException.class);
    }

    @Test
    void exceptionsThatAreNotAthanorsAreLeftAlone() {
        assertThat(translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
    }

    /** A repository as users write them, opening its own session outside any transaction. */
    @Repository
    static class CustomerCounter {
        private final SessionFactory sessions;

        CustomerCounter(SessionFactory sessions) {
            this.sessions = sessions;
        }

        public int count() {
            try (Session session = sessions.openSession()) {
                return session.scalars(select(Customer.class)).all().size();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Repositories {
        @Bean
        CustomerCounter customerCounter(SessionFactory sessions) {
            return new CustomerCounter(sessions);
        }
    }

    @Test
    void aRepositoryWaitingOnAnExhaustedPoolThrowsCannotGetJdbcConnectionNamingThePoolSize() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        PersistenceExceptionTranslationAutoConfiguration.class, AthanorAutoConfiguration.class))
                .withUserConfiguration(ModelPackage.class, Repositories.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:pool_" + UUID.randomUUID(),
                        "spring.datasource.generate-unique-name=false", "spring.datasource.hikari.maximum-pool-size=1",
                        "spring.datasource.hikari.connection-timeout=250", "athanor.schema.create=always")
                .run(context -> {
                    CustomerCounter counter = context.getBean(CustomerCounter.class);
                    try (Session holder = context.getBean(SessionFactory.class).openSession()) {
                        holder.scalars(select(Customer.class)).all();

                        assertThatThrownBy(counter::count).isExactlyInstanceOf(CannotGetJdbcConnectionException.class)
                                .hasMessageContaining("all 1 of its connections (maximumPoolSize 1) are in use")
                                .hasCauseExactlyInstanceOf(PoolTimeoutException.class);
                    }
                    assertThat(counter.count()).isZero();
                    assertThat(context.getBean(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections())
                            .isZero();
                });
    }
}
