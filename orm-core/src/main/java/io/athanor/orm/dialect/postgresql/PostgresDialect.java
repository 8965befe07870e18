package io.athanor.orm.dialect.postgresql;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.DefaultDialect;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.StorageLimits;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * PostgreSQL 12 and later, through the pgjdbc driver. Identity columns, RETURNING, transactional
 * DDL, native UUID and JSONB. TIMESTAMP WITH TIME ZONE stores an instant: values come back at UTC
 * offset.
 */
public final class PostgresDialect extends DefaultDialect {

    /**
     * PostgreSQL's reserved words, and its words that may name a function or type but not a column,
     * that are not reserved everywhere (from its manual's "SQL Key Words" appendix).
     */
    private static final Set<String> RESERVED = Set.of(
            "analyse", "analyze", "asymmetric", "authorization", "binary", "both", "collate", "collation",
            "concurrently", "current_catalog", "current_role", "current_schema", "deferrable", "do", "freeze",
            "ilike", "initially", "isnull", "lateral", "leading", "localtime", "localtimestamp", "notnull", "only",
            "overlaps", "placing", "returning", "session_user", "similar", "some", "symmetric", "system_user",
            "tablesample", "trailing", "variadic", "verbose");

    /** Creates the dialect. */
    public PostgresDialect() {
    }

    @Override
    protected boolean isReservedHere(String word) {
        return RESERVED.contains(word);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    @Override
    public String typeName(SqlType type) {
        switch (type.kind()) {
            case BINARY:
                return "BYTEA";
            case JSON:
                return "JSONB";
            default:
                return super.typeName(type);
        }
    }

    /**
     * PostgreSQL counts lengths in code points and keeps NaN, the infinities and -0.0, but refuses NUL in
     * text. Dates and timestamps are limited to years 1 to its maximum (5874897 for DATE, 294276 for
     * TIMESTAMP): the driver reads some dates before year 1 back wrongly (a leap day of 1 BC fails,
     * years before 4713 BC come back as -infinity). {@code LocalDate.MIN}/{@code MAX} and
     * {@code LocalDateTime.MIN}/{@code MAX} are stored as -infinity/infinity and read back as themselves.
     */
    @Override
    public StorageLimits storageLimits() {
        return LIMITS;
    }

    private static final StorageLimits LIMITS = StorageLimits.STANDARD.withNulInText(false)
            .withNonFiniteFloats(true).withNegativeZero(true)
            .withDates(LocalDate.of(1, 1, 1), LocalDate.of(5_874_897, 12, 31))
            .withDateTimes(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000))
            .withInfinitySentinels(true);

    @Override
    protected void bindOffsetDateTime(PreparedStatement statement, int index, Object value) throws SQLException {
        // TIMESTAMP WITH TIME ZONE keeps the instant only, and refuses an offset beyond ±15:59 (a Java offset
        // may reach ±18:00): the instant is sent in UTC, which stores the same value for every offset.
        statement.setObject(index, ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.INSERT_RETURNING, Capability.UPDATE_RETURNING, Capability.DELETE_RETURNING,
                Capability.SAVEPOINTS, Capability.TRANSACTIONAL_DDL, Capability.NATIVE_UUID, Capability.SKIP_LOCKED,
                Capability.CHECK_CONSTRAINTS, Capability.GENERATED_KEYS_BY_NAME,
                Capability.MULTI_ROW_INSERT_RETURNING, Capability.LOCAL_AUTOCOMMIT_SWITCH);
    }

    @Override
    public io.athanor.orm.engine.ColumnReader reader(int jdbcType, String typeName) {
        boolean special = jdbcType == Types.TIMESTAMP || jdbcType == Types.OTHER;
        return special ? (resultSet, index) -> read(resultSet, index, jdbcType, typeName)
                : super.reader(jdbcType, typeName);
    }

    @Override
    public Object read(ResultSet resultSet, int index, int jdbcType, String typeName) throws SQLException {
        if (jdbcType == Types.TIMESTAMP && "timestamptz".equals(typeName)) {
            return resultSet.getObject(index, OffsetDateTime.class);
        }
        if (jdbcType == Types.OTHER && ("json".equals(typeName) || "jsonb".equals(typeName))) {
            return resultSet.getString(index);
        }
        return super.read(resultSet, index, jdbcType, typeName);
    }

    @Override
    protected void bindTyped(PreparedStatement statement, int index, Object value, SqlType type) throws SQLException {
        // The driver sends a String as varchar, which PostgreSQL will not put into a jsonb column.
        statement.setObject(index, value.toString(), Types.OTHER);
    }

    @Override
    protected String constraintName(SQLException error, IntegrityException.Kind kind) {
        // pgjdbc reports the constraint in a structured field; read it reflectively so orm-core
        // needs no compile-time dependency on the driver.
        try {
            Method serverMessage = error.getClass().getMethod("getServerErrorMessage");
            Object details = serverMessage.invoke(error);
            if (details == null) {
                return null;
            }
            String field = kind == IntegrityException.Kind.NOT_NULL ? "getColumn" : "getConstraint";
            Object name = details.getClass().getMethod(field).invoke(details);
            return name == null ? null : name.toString();
        } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
            return null;
        }
    }

    /**
     * PostgreSQL aborts a transaction at its first error, whatever the error (a deadlock too). An error the
     * driver raised itself (a value it cannot convert, say) never reached the server and leaves the
     * transaction as it was; pgjdbc tells them apart by the server's message it carries.
     */
    @Override
    protected ErrorEffect effectOnTransaction(SQLException error) {
        return fromServer(error) ? ErrorEffect.TRANSACTION_ABORTED : ErrorEffect.STATEMENT_UNDONE;
    }

    /**
     * Whether the error came from the server: pgjdbc's exceptions carry the server's message when it sent
     * one. An exception of another class (a wrapper, another driver) is taken as the server's.
     */
    private static boolean fromServer(SQLException error) {
        boolean pgjdbcSeen = false;
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current.getClass().getName().startsWith("org.postgresql.")) {
                pgjdbcSeen = true;
                if (serverMessage(current) != null) {
                    return true;
                }
            }
            SQLException next = current instanceof SQLException ? ((SQLException) current).getNextException() : null;
            current = next != null ? next : current.getCause();
        }
        return !pgjdbcSeen;
    }

    /** pgjdbc's {@code getServerErrorMessage()}, read without a compile-time dependency on the driver. */
    private static Object serverMessage(Throwable pgjdbcError) {
        try {
            return pgjdbcError.getClass().getMethod("getServerErrorMessage").invoke(pgjdbcError);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            // Cannot tell: assume the server's, which refuses more rather than less.
            return unreadable;
        }
    }

    @Override
    protected String statementTimeoutSetting() {
        return "PostgreSQL's statement_timeout";
    }

    @Override
    protected String lockTimeoutSetting() {
        return "PostgreSQL's lock_timeout";
    }
}
