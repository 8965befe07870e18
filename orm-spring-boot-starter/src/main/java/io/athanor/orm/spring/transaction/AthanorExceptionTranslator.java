package io.athanor.orm.spring.transaction;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.MappingException;
import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;
import io.athanor.orm.OrmException;
import io.athanor.orm.PoolTimeoutException;
import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.TransactionConflictException;

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
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import java.sql.SQLException;

/**
 * Turns Athanor's exceptions into Spring's {@link DataAccessException} hierarchy for {@code @Repository}
 * beans: constraint violations into {@link DataIntegrityViolationException} (a duplicate key into
 * {@link DuplicateKeyException}), stale rows into {@link OptimisticLockingFailureException}, {@code one()}
 * failures into the result-size exceptions, API misuse into {@link InvalidDataAccessApiUsageException},
 * engine faults into the exceptions Spring's own JDBC support raises for them (a lost connection into
 * {@link DataAccessResourceFailureException}, an exhausted pool into {@link CannotGetJdbcConnectionException},
 * a lock timeout into {@link CannotAcquireLockException}, a statement timeout into Spring's
 * {@link org.springframework.dao.QueryTimeoutException}, a deadlock or serialization failure into
 * {@link PessimisticLockingFailureException}), other driver errors through Spring's SQLState
 * translation. The Athanor exception, with its code and message, is always the cause.
 */
public final class AthanorExceptionTranslator implements PersistenceExceptionTranslator {

    private final SQLStateSQLExceptionTranslator sqlStates = new SQLStateSQLExceptionTranslator();

    /** Creates the translator. */
    public AthanorExceptionTranslator() {
    }

    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException exception) {
        if (!(exception instanceof OrmException)) {
            return null;
        }
        String message = exception.getMessage();
        if (exception instanceof IntegrityException) {
            return ((IntegrityException) exception).kind() == IntegrityException.Kind.UNIQUE
                    ? new DuplicateKeyException(message, exception)
                    : new DataIntegrityViolationException(message, exception);
        }
        if (exception instanceof StaleDataException) {
            return new OptimisticLockingFailureException(message, exception);
        }
        if (exception instanceof NoResultFoundException) {
            return new EmptyResultDataAccessException(message, 1, exception);
        }
        if (exception instanceof MultipleResultsFoundException) {
            return new IncorrectResultSizeDataAccessException(message, 1, exception);
        }
        DataAccessException fault = translateFault(exception, message);
        if (fault != null) {
            return fault;
        }
        if (exception instanceof DatabaseException) {
            DatabaseException database = (DatabaseException) exception;
            if ("ATH-E011".equals(database.code())) {
                return new DataAccessResourceFailureException(message, exception);
            }
            if (database.getCause() instanceof SQLException) {
                DataAccessException translated = sqlStates.translate(message, database.sql(),
                        (SQLException) database.getCause());
                if (translated != null) {
                    return translated;
                }
            }
            return new org.springframework.dao.UncategorizedDataAccessException(message, exception) {
                private static final long serialVersionUID = 1L;
            };
        }
        if (exception instanceof InvalidRequestException || exception instanceof MappingException
                || exception instanceof io.athanor.orm.ArgumentException) {
            return new InvalidDataAccessApiUsageException(message, exception);
        }
        return null;
    }

    /**
     * The engine's faults, checked before the SQLState translation: their SQLStates differ per database
     * (a lock timeout is {@code 55P03} on PostgreSQL and {@code HY000} with error 1205 on MariaDB), and
     * Athanor has already classified them.
     */
    private static DataAccessException translateFault(RuntimeException exception, String message) {
        if (exception instanceof ConnectionLostException) {
            return new DataAccessResourceFailureException(message, exception);
        }
        if (exception instanceof PoolTimeoutException) {
            // Spring's constructor takes only an SQLException as cause; keep Athanor's exception instead.
            CannotGetJdbcConnectionException failure = new CannotGetJdbcConnectionException(message);
            failure.initCause(exception);
            return failure;
        }
        if (exception instanceof LockTimeoutException) {
            return new CannotAcquireLockException(message, exception);
        }
        if (exception instanceof QueryTimeoutException) {
            return new org.springframework.dao.QueryTimeoutException(message, exception);
        }
        if (exception instanceof TransactionConflictException) {
            return new PessimisticLockingFailureException(message, exception);
        }
        return null;
    }
}
