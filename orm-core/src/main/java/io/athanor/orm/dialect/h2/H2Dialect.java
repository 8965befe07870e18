package io.athanor.orm.dialect.h2;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.DefaultDialect;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.StorageLimits;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2 2.x. Unquoted identifiers are stored upper-case; TIMESTAMP WITH TIME ZONE keeps the offset;
 * DDL is not transactional; there is no RETURNING clause.
 */
public final class H2Dialect extends DefaultDialect {

    private static final Pattern UNIQUE_INDEX = Pattern.compile("violation: \"(?:[^.\" ]+\\.)?([^\" ]+) ");
    private static final Pattern NAMED_CONSTRAINT = Pattern.compile("violation: \"(?:[^.\"]+\\.)?([^\": ]+):");
    private static final Pattern NULL_COLUMN = Pattern.compile("column \"([^\"]+)\"");

    /** Creates the dialect. */
    public H2Dialect() {
    }

    @Override
    public String name() {
        return "h2";
    }

    /**
     * H2's keywords that are not reserved everywhere (from H2's "Keywords / Reserved Words" list): a column
     * named {@code day} or {@code year} must be quoted in H2 although it is a plain name elsewhere.
     */
    private static final Set<String> RESERVED = Set.of(
            "asymmetric", "authorization", "both", "current_catalog", "current_path", "current_role",
            "current_schema", "day", "groups", "hour", "ilike", "leading", "localtime", "localtimestamp", "minute",
            "month", "over", "partition", "regexp", "rows", "second", "session_user", "some", "symmetric",
            "system_user", "trailing", "uescape", "unknown", "year", "_rowid_");

    @Override
    protected boolean isReservedHere(String word) {
        return RESERVED.contains(word);
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    @Override
    public String typeName(SqlType type) {
        switch (type.kind()) {
            case TEXT:
                return "CLOB";
            case TIME:
                // H2's TIME keeps no fraction of a second unless asked: 06:30:15.123 would come back as 06:30:15.
                return "TIME(6)";
            case DATETIME:
                return type.timezone() ? "TIMESTAMP(6) WITH TIME ZONE" : "TIMESTAMP(6)";
            case DOUBLE:
                return "DOUBLE PRECISION";
            default:
                return super.typeName(type);
        }
    }

    @Override
    public String generatedKeyName(String columnName) {
        // H2 stores unquoted names in upper case and matches generated-key names exactly.
        return quoteIdentifier(columnName).equals(columnName) ? columnName.toUpperCase(java.util.Locale.ROOT) : columnName;
    }

    @Override
    protected void bindTyped(PreparedStatement statement, int index, Object value, SqlType type) throws SQLException {
        // H2 stores a String bound to a JSON column as a JSON string literal; UTF-8 bytes are parsed as JSON text.
        statement.setBytes(index, value.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public io.athanor.orm.engine.ColumnReader reader(int jdbcType, String typeName) {
        return "JSON".equalsIgnoreCase(typeName) ? (resultSet, index) -> read(resultSet, index, jdbcType, typeName)
                : super.reader(jdbcType, typeName);
    }

    @Override
    public Object read(ResultSet resultSet, int index, int jdbcType, String typeName) throws SQLException {
        if ("JSON".equalsIgnoreCase(typeName)) {
            byte[] json = resultSet.getBytes(index);
            return json == null ? null : new String(json, StandardCharsets.UTF_8);
        }
        return super.read(resultSet, index, jdbcType, typeName);
    }

    /**
     * H2 counts a VARCHAR's length in UTF-16 code units (an emoji takes 2 of VARCHAR(n)'s n), stores NUL,
     * NaN and the infinities, turns -0.0 into 0.0, and keeps every date and time-zone offset Java has.
     */
    @Override
    public StorageLimits storageLimits() {
        return LIMITS;
    }

    private static final StorageLimits LIMITS = StorageLimits.STANDARD.withLengthInCodePoints(false)
            .withNulInText(true).withNonFiniteFloats(true).withNegativeZero(false)
            .withDates(LocalDate.MIN, LocalDate.MAX).withDateTimes(LocalDateTime.MIN, LocalDateTime.MAX)
            .withOffsetKept(true);

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.SAVEPOINTS, Capability.NATIVE_UUID, Capability.TIMEZONE_OFFSET_KEPT,
                Capability.CHECK_CONSTRAINTS, Capability.GENERATED_KEYS_BY_NAME, Capability.SKIP_LOCKED);
    }

    @Override
    protected String constraintName(SQLException error, IntegrityException.Kind kind) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        Matcher matcher;
        switch (kind) {
            case NOT_NULL:
                matcher = NULL_COLUMN.matcher(message);
                break;
            case UNIQUE:
                matcher = UNIQUE_INDEX.matcher(message);
                break;
            default:
                matcher = NAMED_CONSTRAINT.matcher(message);
        }
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * Also CONNECTION_BROKEN_1 (90067), DATABASE_IS_CLOSED (90098) and DATABASE_CALLED_AT_SHUTDOWN (90121,
     * also after {@code ABORT_SESSION}), and, for a database reached through H2's TCP server, IO_EXCEPTION_1
     * (90028) caused by the socket ending: depending on where the client was reading, a closed connection
     * shows as either.
     */
    @Override
    protected boolean isConnectionLost(SQLException error) {
        int code = error.getErrorCode();
        return super.isConnectionLost(error) || code == 90067 || code == 90098 || code == 90121
                || (code == 90028 && causedBySocketEnd(error));
    }

    private static boolean causedBySocketEnd(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.EOFException || cause instanceof java.net.SocketException) {
                return true;
            }
        }
        // H2 puts the I/O exception's text in its message, not always as the cause.
        String message = error.getMessage();
        return message != null && (message.contains("java.io.EOFException")
                || message.contains("java.net.SocketException"));
    }

    /** LOCK_TIMEOUT_1 (50200), also raised for {@code NOWAIT}. */
    @Override
    protected boolean isLockTimeout(SQLException error) {
        return super.isLockTimeout(error) || error.getErrorCode() == 50200;
    }

    @Override
    protected String statementTimeoutSetting() {
        return "H2's QUERY_TIMEOUT";
    }

    @Override
    protected String lockTimeoutSetting() {
        return "H2's LOCK_TIMEOUT";
    }
}
