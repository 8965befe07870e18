package io.athanor.orm.dialect.mariadb;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.DefaultDialect;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.StorageLimits;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB 10.7 and later. Backtick quoting, AUTO_INCREMENT keys, INSERT/DELETE ... RETURNING, native
 * UUID. MariaDB has no time-zone-aware timestamp, so TIMESTAMP WITH TIME ZONE is a DATETIME(6)
 * holding UTC: the instant round-trips, the offset comes back as UTC.
 */
public class MariaDbDialect extends DefaultDialect {

    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^'.]+\\.)?([^']+)'");
    private static final Pattern FOREIGN_KEY = Pattern.compile("CONSTRAINT `([^`]+)`");
    private static final Pattern NULL_COLUMN = Pattern.compile("(?:Column|Field) '([^']+)'");

    /** MariaDB's reserved words that are not reserved everywhere (from its manual's list). */
    private static final Set<String> RESERVED = Set.of(
            "accessible", "add", "analyze", "asensitive", "before", "bigint", "binary", "blob", "both", "call",
            "cascade", "change", "char", "character", "collate", "condition", "continue", "convert", "cursor",
            "database", "databases", "dec", "decimal", "declare", "delayed", "describe", "deterministic",
            "distinctrow", "div", "double", "dual", "each", "else", "elseif", "enclosed", "escaped", "exit",
            "explain", "float", "force", "fulltext", "general", "high_priority", "ignore", "infile", "inout",
            "insensitive", "int", "integer", "iterate", "keys", "kill", "leading", "leave", "lines", "load",
            "localtime", "localtimestamp", "lock", "long", "longblob", "longtext", "loop", "low_priority", "match",
            "maxvalue", "mediumblob", "mediumint", "mediumtext", "mod", "modifies", "numeric", "optimize", "option",
            "optionally", "out", "outfile", "over", "partition", "position", "precision", "procedure", "purge",
            "read", "reads", "real", "recursive", "regexp", "release", "rename", "repeat", "replace", "require",
            "resignal", "restrict", "return", "returning", "revoke", "rlike", "rows", "schema", "schemas",
            "sensitive", "separator", "show", "signal", "smallint", "spatial", "specific", "sql", "sqlexception",
            "sqlstate", "sqlwarning", "ssl", "starting", "straight_join", "terminated", "tinyblob", "tinyint",
            "tinytext", "trailing", "trigger", "undo", "unlock", "unsigned", "usage", "use", "utc_date", "utc_time",
            "utc_timestamp", "varbinary", "varchar", "varcharacter", "varying", "while", "write", "xor",
            "zerofill");

    /** Creates the dialect. */
    public MariaDbDialect() {
    }

    @Override
    public String name() {
        return "mariadb";
    }

    /** MariaDB and MySQL have no {@code DEFAULT VALUES}; an empty column list means the same. */
    @Override
    public String insertDefaultValues(String quotedTable) {
        return "INSERT INTO " + quotedTable + " () VALUES ()";
    }

    @Override
    protected boolean isReservedHere(String word) {
        return RESERVED.contains(word);
    }

    @Override
    protected char identifierQuote() {
        return '`';
    }

    @Override
    public String typeName(SqlType type) {
        switch (type.kind()) {
            case NUMERIC:
                return "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
            case FLOAT:
                // MariaDB sends a FLOAT column's values rounded to 6 significant digits (3.1415927 comes back
                // as 3.14159); a DOUBLE holds every float exactly and sends it back in full.
                return "DOUBLE";
            case DOUBLE:
                return "DOUBLE";
            case TEXT:
                return "LONGTEXT";
            case TIME:
                return "TIME(6)";
            case DATETIME:
                return "DATETIME(6)";
            case BINARY:
                return type.length() == null ? "LONGBLOB" : "VARBINARY(" + type.length() + ")";
            case STRING:
                if (type.length() == null) {
                    throw new ArgumentException("ATH-E041", "VARCHAR needs a length on " + name() + ": give the column a length.");
                }
                return super.typeName(type);
            default:
                return super.typeName(type);
        }
    }

    @Override
    public String limitOffsetClause(boolean hasLimit, boolean hasOffset) {
        if (hasOffset && !hasLimit) {
            // MariaDB accepts OFFSET only after a LIMIT; its manual gives the largest one for "all rows".
            return " LIMIT 18446744073709551615 OFFSET ?";
        }
        return super.limitOffsetClause(hasLimit, hasOffset);
    }

    @Override
    public boolean supportsNullsOrdering() {
        return false;
    }

    @Override
    public String castTypeName(SqlType type) {
        // MariaDB's CAST accepts only a few type names.
        switch (type.kind()) {
            case SMALL_INTEGER:
            case INTEGER:
            case BIG_INTEGER:
                return "SIGNED";
            case STRING:
            case ENUM:
                return "CHAR(" + type.length() + ")";
            case TEXT:
            case JSON:
            case UUID:
                return "CHAR";
            case FLOAT:
            case DOUBLE:
                return "DOUBLE";
            case BOOLEAN:
                return "SIGNED";
            case BINARY:
                return "BINARY";
            default:
                return typeName(type);
        }
    }

    @Override
    public String identityColumn(SqlType type) {
        return typeName(type) + " NOT NULL AUTO_INCREMENT";
    }

    @Override
    public String tableOptions() {
        // The server's default character set may be latin1 or the 3-byte utf8; utf8mb4 stores all of Unicode.
        return " DEFAULT CHARSET=utf8mb4";
    }

    @Override
    public String dropForeignKey(String quotedTable, String quotedConstraint) {
        return "ALTER TABLE " + quotedTable + " DROP FOREIGN KEY " + quotedConstraint;
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.INSERT_RETURNING, Capability.DELETE_RETURNING, Capability.SAVEPOINTS,
                Capability.NATIVE_UUID, Capability.SKIP_LOCKED, Capability.CHECK_CONSTRAINTS);
    }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /**
     * MariaDB counts lengths in code points and stores NUL, but has no NaN or infinity and turns -0.0 into
     * 0.0; its DATE and DATETIME hold years 1 to 9999 (before year 1 the driver shifts the year by an era);
     * its UUID type refuses some UUIDs ({@link StorageLimits#refusedByMariaDbUuid}).
     */
    private static final StorageLimits LIMITS = StorageLimits.STANDARD.withNulInText(true)
            .withNonFiniteFloats(false).withNegativeZero(false)
            .withDates(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))
            .withDateTimes(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000))
            .withAllUuids(false);

    @Override
    public StorageLimits storageLimits() {
        return LIMITS;
    }

    @Override
    protected ParameterBinder binderFor(Class<?> type) {
        if (type == UUID.class) {
            return (statement, index, value) -> statement.setString(index, value.toString());
        } else if (type == Double.class) {
            return (statement, index, value) -> statement.setDouble(index, finite((Double) value));
        } else if (type == Float.class) {
            // As a double, whose text MariaDB parses back to the very same float (a float's own text may not).
            return (statement, index, value) -> statement.setDouble(index, finite((Float) value));
        }
        return super.binderFor(type);
    }

    /** MariaDB has no NaN or infinity; its driver writes them into the SQL text, where they read as column names. */
    private double finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ArgumentException("ATH-E109", "The value " + value + " cannot be stored in " + name()
                    + ", which has no NaN or infinity; bind NULL for \"no value\".");
        }
        return value;
    }

    @Override
    protected void bindOffsetDateTime(PreparedStatement statement, int index, Object value) throws SQLException {
        // DATETIME has no zone: store the instant in UTC so that it reads back the same everywhere.
        statement.setObject(index, ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    @Override
    public io.athanor.orm.engine.ColumnReader reader(int jdbcType, String typeName) {
        return "UUID".equalsIgnoreCase(typeName) ? (resultSet, index) -> read(resultSet, index, jdbcType, typeName)
                : super.reader(jdbcType, typeName);
    }

    @Override
    public Object read(ResultSet resultSet, int index, int jdbcType, String typeName) throws SQLException {
        if ("UUID".equalsIgnoreCase(typeName)) {
            String text = resultSet.getString(index);
            return text == null ? null : UUID.fromString(text);
        }
        if (jdbcType == Types.TIMESTAMP) {
            // Without a calendar the driver places a DATETIME in the JVM's default time zone and takes the
            // local time back out, which moves a time inside a daylight-saving gap: in Europe/Berlin,
            // 2024-03-31 02:30 came back as 03:30 (in Pacific/Apia, 2011-12-30 as 2011-12-31). A UTC calendar
            // has no gaps, and a purely Gregorian one keeps dates before 1582 as they are.
            GregorianCalendar utc = new GregorianCalendar(UTC);
            utc.setGregorianChange(new Date(Long.MIN_VALUE));
            Timestamp timestamp = resultSet.getTimestamp(index, utc);
            if (timestamp == null) {
                return null;
            }
            Instant instant = timestamp.toInstant();
            return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        }
        return super.read(resultSet, index, jdbcType, typeName);
    }

    @Override
    protected String currentSchema(java.sql.Connection connection) {
        return null;
    }

    @Override
    protected IntegrityException.Kind integrityKind(SQLException error) {
        switch (error.getErrorCode()) {
            case 1062:
            case 1586:
                return IntegrityException.Kind.UNIQUE;
            case 1048:
            case 1364:
                return IntegrityException.Kind.NOT_NULL;
            case 1216:
            case 1217:
            case 1451:
            case 1452:
                return IntegrityException.Kind.FOREIGN_KEY;
            case 4025:
                return IntegrityException.Kind.CHECK;
            default:
                return super.integrityKind(error);
        }
    }

    @Override
    protected String constraintName(SQLException error, IntegrityException.Kind kind) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        Matcher matcher;
        switch (kind) {
            case UNIQUE:
                matcher = DUPLICATE_KEY.matcher(message);
                break;
            case NOT_NULL:
                matcher = NULL_COLUMN.matcher(message);
                break;
            default:
                matcher = FOREIGN_KEY.matcher(message);
        }
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * Also MariaDB's ER_SERVER_SHUTDOWN (1053) and ER_CONNECTION_KILLED (1927), and MySQL's
     * ER_CLIENT_INTERACTION_TIMEOUT (4031).
     */
    @Override
    protected boolean isConnectionLost(SQLException error) {
        int code = error.getErrorCode();
        return super.isConnectionLost(error) || code == 1053 || code == 1927 || code == 4031;
    }

    /** ER_LOCK_WAIT_TIMEOUT (1205), also raised for {@code NOWAIT}. */
    @Override
    protected boolean isLockTimeout(SQLException error) {
        return super.isLockTimeout(error) || error.getErrorCode() == 1205;
    }

    /** ER_STATEMENT_TIMEOUT (1969), ER_QUERY_INTERRUPTED (1317), MySQL's ER_QUERY_TIMEOUT (3024). */
    @Override
    protected boolean isQueryTimeout(SQLException error) {
        int code = error.getErrorCode();
        return super.isQueryTimeout(error) || code == 1969 || code == 1317 || code == 3024;
    }

    @Override
    protected String statementTimeoutSetting() {
        return "MariaDB's max_statement_time";
    }

    @Override
    protected String lockTimeoutSetting() {
        return "innodb_lock_wait_timeout";
    }
}
