package io.athanor.orm.spring.transaction;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.MappingException;
import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;
import io.athanor.orm.OrmException;
import io.athanor.orm.StaleDataException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import java.sql.SQLException;

/**
 * Turns Athanor's exceptions into Spring's {@link DataAccessException} hierarchy for {@code @Repository}
 * beans: constraint violations into {@link DataIntegrityViolationException} (a duplicate key into
 * {@link DuplicateKeyException}), stale rows into {@link OptimisticLockingFailureException}, {@code one()}
 * failures into the result-size exceptions, API misuse into {@link InvalidDataAccessApiUsageException},
 * other driver errors through Spring's SQLState translation.
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
                    ? new DuplicateKeyException(message, exception) : new DataIntegrityViolationException(message, exception);
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
}
