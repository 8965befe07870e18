package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.OrmException;
import io.athanor.orm.sql.SqlType;

import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A dialect for a standard-conforming database; the shipped dialects extend it and override what
 * their database does differently (SQLAlchemy's {@code DefaultDialect}).
 */
public abstract class DefaultDialect implements Dialect {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Words that are reserved in at least one supported database, so are always quoted. */
    private static final Set<String> RESERVED = Set.of(
            "all", "alter", "and", "any", "array", "as", "asc", "between", "by", "case", "cast", "check",
            "column", "constraint", "create", "cross", "current_date", "current_time", "current_timestamp",
            "current_user", "default", "delete", "desc", "distinct", "drop", "else", "end", "except", "exists",
            "false", "fetch", "for", "foreign", "from", "full", "grant", "group", "having", "if", "in", "index",
            "inner", "insert", "intersect", "interval", "into", "is", "join", "key", "left", "like", "limit",
            "minus", "natural", "not", "null", "offset", "on", "or", "order", "outer", "primary", "qualify",
            "range", "references", "right", "row", "rownum", "select", "set", "table", "then", "to", "top",
            "true", "union", "unique", "update", "user", "using", "value", "values", "when", "where", "window",
            "with");

    /**
     * SQLStates outside class 08 with which PostgreSQL ends a session: admin_shutdown (also
     * {@code pg_terminate_backend}), crash_shutdown, cannot_connect_now, idle_session_timeout and
     * idle_in_transaction_session_timeout.
     */
    private static final Set<String> CONNECTION_LOST_STATES = Set.of("57P01", "57P02", "57P03", "57P05", "25P03");

    private final ClassValue<ParameterBinder> binders = new ClassValue<>() {
        @Override
        protected ParameterBinder computeValue(Class<?> type) {
            return binderFor(type);
        }
    };

    private final ErrorTranslator errorTranslator = new ErrorTranslator(this);

    /** Creates the dialect. */
    protected DefaultDialect() {
    }

    /** How a Java value of one class is bound to a statement parameter. */
    @FunctionalInterface
    protected interface ParameterBinder {
        /**
         * Binds {@code value} at {@code index}.
         *
         * @param statement the statement
         * @param index 1-based index
         * @param value a non-null value of the class this binder was made for
         * @throws SQLException when the driver refuses it
         */
        void bind(PreparedStatement statement, int index, Object value) throws SQLException;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        if (PLAIN_IDENTIFIER.matcher(identifier).matches() && !RESERVED.contains(identifier)
                && !isReservedHere(identifier)) {
            return identifier;
        }
        char quote = identifierQuote();
        String escaped = identifier.replace(String.valueOf(quote), String.valueOf(quote) + quote);
        return quote + escaped + quote;
    }

    /**
     * Whether a lower-case word is reserved in this database beyond the words reserved everywhere.
     *
     * @param word a lower-case identifier
     * @return true when it must be quoted
     */
    protected boolean isReservedHere(String word) {
        return false;
    }

    /** The character that quotes identifiers: {@code "} by default. */
    protected char identifierQuote() {
        return '"';
    }

    @Override
    public String limitOffsetClause(boolean hasLimit, boolean hasOffset) {
        if (hasLimit && hasOffset) {
            return " LIMIT ? OFFSET ?";
        } else if (hasLimit) {
            return " LIMIT ?";
        } else if (hasOffset) {
            return " OFFSET ?";
        }
        return "";
    }

    @Override
    public boolean supportsIlike() {
        return false;
    }

    @Override
    public boolean supportsNullsOrdering() {
        return true;
    }

    @Override
    public String castTypeName(SqlType type) {
        return typeName(type);
    }

    @Override
    public boolean supportsReturning(String verb) {
        switch (verb) {
            case "INSERT":
                return supports(Capability.INSERT_RETURNING);
            case "UPDATE":
                return supports(Capability.UPDATE_RETURNING);
            default:
                return supports(Capability.DELETE_RETURNING);
        }
    }

    @Override
    public String forUpdateClause(io.athanor.orm.sql.LockMode mode) {
        switch (mode) {
            case NOWAIT:
                return " FOR UPDATE NOWAIT";
            case SKIP_LOCKED:
                if (!supports(Capability.SKIP_LOCKED)) {
                    throw new ArgumentException("ATH-E082", name() + " does not support FOR UPDATE SKIP LOCKED.");
                }
                return " FOR UPDATE SKIP LOCKED";
            default:
                return " FOR UPDATE";
        }
    }

    @Override
    public String typeName(SqlType type) {
        switch (type.kind()) {
            case SMALL_INTEGER:
                return "SMALLINT";
            case INTEGER:
                return "INTEGER";
            case BIG_INTEGER:
                return "BIGINT";
            case NUMERIC:
                return "NUMERIC(" + type.precision() + ", " + type.scale() + ")";
            case FLOAT:
                return "REAL";
            case DOUBLE:
                return "DOUBLE PRECISION";
            case STRING:
            case ENUM:
                return "VARCHAR(" + type.length() + ")";
            case TEXT:
                return "TEXT";
            case BOOLEAN:
                return "BOOLEAN";
            case DATE:
                return "DATE";
            case TIME:
                return "TIME";
            case DATETIME:
                return type.timezone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
            case UUID:
                return "UUID";
            case BINARY:
                return type.length() == null ? "BLOB" : "VARBINARY(" + type.length() + ")";
            case JSON:
                return "JSON";
            default:
                throw new ArgumentException("ATH-E041", "The " + name() + " dialect has no DDL type for " + type + ".");
        }
    }

    @Override
    public String identityColumn(SqlType type) {
        return typeName(type) + " GENERATED BY DEFAULT AS IDENTITY";
    }

    @Override
    public String tableOptions() {
        return "";
    }

    @Override
    public String dropForeignKey(String quotedTable, String quotedConstraint) {
        return "ALTER TABLE " + quotedTable + " DROP CONSTRAINT " + quotedConstraint;
    }

    @Override
    public boolean supports(Capability capability) {
        // Asked on every connection and flush: the set is built once per dialect, not per question.
        Set<Capability> known = capabilitySet;
        if (known == null) {
            known = capabilities();
            capabilitySet = known;
        }
        return known.contains(capability);
    }

    /** {@link #capabilities()}, kept after the first question; a dialect's features do not change. */
    private volatile Set<Capability> capabilitySet;

    /** The optional features of this database. */
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.SAVEPOINTS, Capability.CHECK_CONSTRAINTS);
    }

    @Override
    public final void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else {
            binders.get(value.getClass()).bind(statement, index, value);
        }
    }

    /**
     * Chooses how values of {@code type} are bound. Called once per class; the answer is cached.
     *
     * @param type the value's class
     * @return the binder
     */
    protected ParameterBinder binderFor(Class<?> type) {
        if (type == TypedValue.class) {
            return (st, i, v) -> bindTyped(st, i, ((TypedValue) v).value(), ((TypedValue) v).type());
        } else if (type == String.class) {
            return (st, i, v) -> st.setString(i, (String) v);
        } else if (type == Integer.class) {
            return (st, i, v) -> st.setInt(i, (Integer) v);
        } else if (type == Long.class) {
            return (st, i, v) -> st.setLong(i, (Long) v);
        } else if (type == Short.class) {
            return (st, i, v) -> st.setShort(i, (Short) v);
        } else if (type == Byte.class) {
            return (st, i, v) -> st.setShort(i, (Byte) v);
        } else if (type == Boolean.class) {
            return (st, i, v) -> st.setBoolean(i, (Boolean) v);
        } else if (type == BigDecimal.class) {
            return (st, i, v) -> st.setBigDecimal(i, (BigDecimal) v);
        } else if (type == Double.class) {
            return (st, i, v) -> st.setDouble(i, (Double) v);
        } else if (type == Float.class) {
            return (st, i, v) -> st.setFloat(i, (Float) v);
        } else if (type == byte[].class) {
            return (st, i, v) -> st.setBytes(i, (byte[]) v);
        } else if (type == Character.class) {
            return (st, i, v) -> st.setString(i, v.toString());
        } else if (type == LocalDate.class || type == LocalDateTime.class || type == LocalTime.class) {
            return PreparedStatement::setObject;
        } else if (type == OffsetDateTime.class) {
            return this::bindOffsetDateTime;
        } else if (type == Instant.class) {
            return (st, i, v) -> bindOffsetDateTime(st, i, ((Instant) v).atOffset(ZoneOffset.UTC));
        } else if (type == UUID.class) {
            return PreparedStatement::setObject;
        } else if (Enum.class.isAssignableFrom(type)) {
            return (st, i, v) -> st.setString(i, ((Enum<?>) v).name());
        } else if (type == java.math.BigInteger.class) {
            return (st, i, v) -> st.setBigDecimal(i, new BigDecimal((java.math.BigInteger) v));
        }
        return PreparedStatement::setObject;
    }

    /**
     * Binds a value whose binding depends on its column type (see {@link TypedValue}); by default as its
     * Java value.
     *
     * @param statement the statement
     * @param index 1-based index
     * @param value the non-null value
     * @param type the column type
     * @throws SQLException when the driver refuses it
     */
    protected void bindTyped(PreparedStatement statement, int index, Object value, SqlType type) throws SQLException {
        bind(statement, index, value);
    }

    /**
     * Binds an {@link OffsetDateTime}; by default as the driver's native TIMESTAMP WITH TIME ZONE.
     *
     * @param statement the statement
     * @param index 1-based index
     * @param value the value
     * @throws SQLException when the driver refuses it
     */
    protected void bindOffsetDateTime(PreparedStatement statement, int index, Object value) throws SQLException {
        statement.setObject(index, value);
    }

    /** Typed getters for the common column types; anything else goes through {@link #read}. */
    @Override
    public ColumnReader reader(int jdbcType, String typeName) {
        switch (jdbcType) {
            case Types.BIGINT:
                return (resultSet, index) -> {
                    long value = resultSet.getLong(index);
                    return value == 0 && resultSet.wasNull() ? null : value;
                };
            case Types.INTEGER:
                return (resultSet, index) -> {
                    int value = resultSet.getInt(index);
                    return value == 0 && resultSet.wasNull() ? null : value;
                };
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
                return ResultSet::getString;
            default:
                return Dialect.super.reader(jdbcType, typeName);
        }
    }

    @Override
    public Object read(ResultSet resultSet, int index, int jdbcType, String typeName) throws SQLException {
        switch (jdbcType) {
            case Types.DATE:
                return resultSet.getObject(index, LocalDate.class);
            case Types.TIME:
                return resultSet.getObject(index, LocalTime.class);
            case Types.TIMESTAMP:
                return resultSet.getObject(index, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return resultSet.getObject(index, OffsetDateTime.class);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return resultSet.getString(index);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return "UUID".equalsIgnoreCase(typeName)
                        ? resultSet.getObject(index, UUID.class) : resultSet.getBytes(index);
            case Types.BIT:
            case Types.BOOLEAN: {
                boolean value = resultSet.getBoolean(index);
                return resultSet.wasNull() ? null : value;
            }
            default:
                return resultSet.getObject(index);
        }
    }

    @Override
    public OrmException translate(SQLException error, String sql, List<String> parameters) {
        return errorTranslator.translate(error, sql, parameters);
    }

    /**
     * Classifies a constraint violation. SQLState class 23 is recognised by the standard codes; a
     * dialect whose driver reports only {@code 23000} overrides this to look at the vendor code.
     *
     * @param error the driver's exception
     * @return the kind of constraint, or {@code null} when the error is not a constraint violation
     */
    protected IntegrityException.Kind integrityKind(SQLException error) {
        String state = error.getSQLState();
        if (state == null || !state.startsWith("23")) {
            return null;
        }
        switch (state) {
            case "23505":
                return IntegrityException.Kind.UNIQUE;
            case "23502":
                return IntegrityException.Kind.NOT_NULL;
            case "23503":
            case "23506":
                return IntegrityException.Kind.FOREIGN_KEY;
            case "23513":
            case "23514":
                return IntegrityException.Kind.CHECK;
            default:
                return IntegrityException.Kind.OTHER;
        }
    }

    /**
     * The name of the violated constraint (or the column, for NOT NULL), as the driver reports it.
     *
     * @param error the driver's exception
     * @param kind the kind found by {@link #integrityKind}
     * @return the name, or {@code null} when the driver does not say
     */
    protected String constraintName(SQLException error, IntegrityException.Kind kind) {
        return null;
    }

    @Override
    public String generatedKeyName(String columnName) {
        return columnName;
    }

    @Override
    public boolean hasTable(java.sql.Connection connection, String tableName) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String stored = storedIdentifier(metaData, tableName);
        try (ResultSet tables = metaData.getTables(connection.getCatalog(), currentSchema(connection), stored,
                new String[] {"TABLE", "BASE TABLE"})) {
            while (tables.next()) {
                if (stored.equals(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The schema whose tables {@link #hasTable} looks at: the connection's current schema.
     *
     * @param connection the connection
     * @return the schema name, or {@code null} for "any"
     * @throws SQLException when the driver fails
     */
    protected String currentSchema(java.sql.Connection connection) throws SQLException {
        return connection.getSchema();
    }

    /** The name as the catalog stores it: an unquoted name is folded the way the database folds it. */
    private String storedIdentifier(DatabaseMetaData metaData, String name) throws SQLException {
        if (!quoteIdentifier(name).equals(name)) {
            return name;
        }
        if (metaData.storesUpperCaseIdentifiers()) {
            return name.toUpperCase(Locale.ROOT);
        } else if (metaData.storesLowerCaseIdentifiers()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    /** What an error did to the transaction it happened in. */
    protected enum ErrorEffect {
        /** Only the failed statement was undone; the transaction goes on (MariaDB, H2, most databases). */
        STATEMENT_UNDONE,
        /**
         * The transaction is aborted: the database ignores its statements until it ends, and a COMMIT rolls
         * it back; rolling back to a savepoint taken before the error recovers it (PostgreSQL).
         */
        TRANSACTION_ABORTED,
        /** The database rolled the whole transaction back (a deadlock victim, a serialization failure). */
        TRANSACTION_ROLLED_BACK
    }

    /**
     * What a statement's error did to its transaction. By default the SQL standard's class {@code 40}
     * ("transaction rollback": deadlocks, serialization failures) rolled the transaction back, and any other
     * error undid only the statement; PostgreSQL overrides this, as any error aborts its transaction.
     *
     * @param error the driver's exception
     * @return the effect
     */
    protected ErrorEffect effectOnTransaction(SQLException error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SQLException) {
                SQLException sqlError = (SQLException) current;
                if (sqlError.getSQLState() != null && sqlError.getSQLState().startsWith("40")) {
                    return ErrorEffect.TRANSACTION_ROLLED_BACK;
                }
                current = sqlError.getNextException() != null ? sqlError.getNextException() : sqlError.getCause();
            } else {
                current = current.getCause();
            }
        }
        return ErrorEffect.STATEMENT_UNDONE;
    }

    /**
     * Whether the error means that the connection to the database is gone: SQLState class 08
     * (connection exception), PostgreSQL's {@code 57P01}-{@code 57P03} and {@code 57P05} (the server
     * ended the session: shutdown, {@code pg_terminate_backend}, idle session timeout) and {@code 25P03}
     * (idle-in-transaction timeout), and the JDBC exception types for broken connections; a dialect adds its
     * driver's vendor codes. The translator asks about each exception of the chain ({@code getNextException()},
     * causes), as drivers wrap the server's message in a batch exception.
     *
     * @param error one exception of the driver's chain
     * @return true when the connection cannot be used any more
     */
    protected boolean isConnectionLost(SQLException error) {
        if (error instanceof SQLNonTransientConnectionException || error instanceof SQLTransientConnectionException
                || error instanceof SQLRecoverableException) {
            return true;
        }
        String state = error.getSQLState();
        return state != null && (state.startsWith("08") || CONNECTION_LOST_STATES.contains(state));
    }

    /**
     * Whether the error means that a lock could not be obtained in time: SQLState {@code 55P03}
     * (PostgreSQL's {@code lock_not_available}: {@code lock_timeout} or {@code NOWAIT}); a dialect adds its
     * driver's vendor codes.
     *
     * @param error one exception of the driver's chain
     * @return true for a lock timeout
     */
    protected boolean isLockTimeout(SQLException error) {
        return "55P03".equals(error.getSQLState());
    }

    /**
     * Whether the error means that the statement was cancelled before it finished, by a statement timeout
     * or on purpose: SQLState {@code 57014} (query_canceled: PostgreSQL, H2) or JDBC's
     * {@link SQLTimeoutException}; a dialect adds its driver's vendor codes. Asked after {@link #isLockTimeout},
     * as some drivers report a lock timeout as an {@code SQLTimeoutException} too.
     *
     * @param error one exception of the driver's chain
     * @return true for a cancelled statement
     */
    protected boolean isQueryTimeout(SQLException error) {
        return "57014".equals(error.getSQLState()) || error instanceof SQLTimeoutException;
    }

    /**
     * The database's own setting for a statement timeout, for messages.
     *
     * @return e.g. {@code statement_timeout}
     */
    protected String statementTimeoutSetting() {
        return "the database's statement timeout";
    }

    /**
     * The database's own setting for a lock timeout, for messages.
     *
     * @return e.g. {@code lock_timeout}
     */
    protected String lockTimeoutSetting() {
        return "the database's lock timeout";
    }

    /** Creates the exception for a failure that is not a constraint violation. */
    DatabaseException genericError(String message, String sql, List<String> parameters, SQLException error) {
        return new DatabaseException("ATH-E031", message, sql, parameters, error);
    }

    @Override
    public String toString() {
        return name();
    }
}
