package io.athanor.orm.mapping;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.StorageLimits;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;

/**
 * Checks, before a flush writes anything, that a value fits its column exactly on the database at hand,
 * and gives the value to bind. Every database (or its driver) silently alters some values it is given:
 * PostgreSQL and MariaDB round a decimal to the column's scale, MariaDB and H2 turn -0.0 into 0.0, all of
 * them round or cut nanoseconds, a UTF-8 database turns an unpaired surrogate into '?', MariaDB's driver
 * shifts a timestamp of a year before 1 by an era. Those values are refused here instead, with an
 * {@link ArgumentException} naming the attribute, its column and the limit (codes ATH-E105 to ATH-E111).
 * The one exception is a time finer than a microsecond ({@code Instant.now()}): it is cut to microseconds
 * here, the same way on every database, so that the caller can give the object the value its row gets;
 * a column or registry set to {@link ExcessFractions#REFUSE} refuses it (ATH-E111).
 *
 * <p>The messages never quote the value itself: it may be sensitive, and engines mask parameters.
 */
final class StorableValues {

    /**
     * The finest fraction of a second a column keeps, in nanoseconds: a microsecond. Every supported
     * database keeps 6 fractional digits (TIMESTAMP(6), DATETIME(6), TIME(6), PostgreSQL's default), and
     * Athanor declares no other precision for a column.
     */
    private static final int NANOS_PER_KEPT_UNIT = 1000;

    private StorableValues() {
    }

    /**
     * The value to bind for {@code value}, after checking that the column stores it exactly.
     *
     * @param attribute the attribute the value belongs to, for the message
     * @param value a non-null value of the attribute
     * @param limits what the database stores
     * @param database the database's name, for the message
     * @return the value to bind: {@code value} itself; a {@code Double}/{@code Float} for a NUMERIC
     *         column as the exact {@code BigDecimal} of its shortest decimal form; a time with a fraction of
     *         a second finer than the column keeps cut to microseconds (unless the column refuses it)
     */
    static Object check(ColumnAttribute attribute, Object value, StorageLimits limits, String database) {
        SqlType type = attribute.column().type();
        switch (type.kind()) {
            case STRING:
                // An enum in a STRING column is written by name, a UUID as its text.
                String written = value instanceof Enum ? ((Enum<?>) value).name() : value.toString();
                text(attribute, written, type, limits, database);
                return value;
            case TEXT:
            case JSON:
                text(attribute, (String) value, type, limits, database);
                return value;
            case UUID:
                uuid(attribute, (java.util.UUID) value, limits, database);
                return value;
            case ENUM:
            case BOOLEAN:
                return value;
            case SMALL_INTEGER:
                integer(attribute, value, type, Short.MIN_VALUE, Short.MAX_VALUE);
                return value;
            case INTEGER:
                integer(attribute, value, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
                return value;
            case BIG_INTEGER:
                integer(attribute, value, type, Long.MIN_VALUE, Long.MAX_VALUE);
                return value;
            case NUMERIC:
                return decimal(attribute, value, type);
            case FLOAT:
            case DOUBLE:
                floating(attribute, value, type, limits, database);
                return value;
            case BINARY:
                if (type.length() != null && ((byte[]) value).length > type.length()) {
                    throw new ArgumentException("ATH-E105", attribute + " holds " + ((byte[]) value).length
                            + " bytes, but its column " + where(attribute) + " holds at most " + type.length()
                            + ": the value was not written. Shorten it, or widen the column (@Column(length = ..)).");
                }
                return value;
            case DATE:
                date(attribute, (LocalDate) value, limits, database);
                return value;
            case TIME:
                return fraction(attribute, (LocalTime) value, ((LocalTime) value).getNano());
            case DATETIME:
                return dateTime(attribute, value, type, limits, database);
            default:
                return value;
        }
    }

    /**
     * Whether {@link #check} knows how its column stores a value of this class. A flush always gives the
     * field's own type; an INSERT or UPDATE statement may give another one (a {@code Double} for a
     * NUMERIC column, say), which is checked when it is of a kind the column's check reads, and otherwise
     * left to the driver's conversion.
     *
     * @param type the column's type
     * @param value a non-null value
     * @return true when {@link #check} can check it
     */
    static boolean understands(SqlType type, Object value) {
        switch (type.kind()) {
            case TEXT:
            case JSON:
                return value instanceof String;
            case UUID:
                return value instanceof java.util.UUID;
            case SMALL_INTEGER:
            case INTEGER:
            case BIG_INTEGER:
            case NUMERIC:
            case FLOAT:
            case DOUBLE:
                return value instanceof Number;
            case BINARY:
                return value instanceof byte[];
            case DATE:
                return value instanceof LocalDate;
            case TIME:
                return value instanceof LocalTime;
            case DATETIME:
                return value instanceof LocalDateTime || value instanceof OffsetDateTime || value instanceof Instant;
            default:
                // STRING writes any value's text; the other kinds are not checked.
                return true;
        }
    }

    /**
     * A double or float as the shortest decimal that reads back as the same value, refusing NaN and the
     * infinities with {@code advice} after the reason.
     */
    private static BigDecimal finite(ColumnAttribute attribute, Object value, String advice) {
        double number = ((Number) value).doubleValue();
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new ArgumentException("ATH-E109", attribute + " is " + number + ", which its column "
                    + where(attribute) + " cannot hold" + advice);
        }
        return value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(number);
    }

    private static String where(ColumnAttribute attribute) {
        return attribute.column().qualifiedName() + " (" + attribute.column().type() + ")";
    }

    // ---- text ----

    private static void text(ColumnAttribute attribute, String text, SqlType type, StorageLimits limits,
                             String database) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0 && !limits.nulInText()) {
                throw new ArgumentException("ATH-E106", attribute + " contains the NUL character (U+0000) at index " + i
                        + ", which " + database + " cannot store in text: the value was not written. Remove it, or"
                        + " map the field as byte[] if it holds binary data.");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw new ArgumentException("ATH-E106", attribute + " contains an unpaired surrogate (U+"
                            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
                            + ": it is not valid Unicode, and a database that stores UTF-8 would keep '?' instead."
                            + " The value was not written. Repair the text (it was probably cut in the middle of a"
                            + " character such as an emoji).");
                }
                i++;
            }
        }
        if (type.kind() == SqlType.Kind.JSON && !limits.nulInText()) {
            int escape = nulEscape(text);
            if (escape >= 0) {
                throw new ArgumentException("ATH-E106", attribute + " contains the JSON escape \\u0000 (NUL) at index "
                        + escape + ", which " + database + " cannot store in a JSON document: the value was not"
                        + " written. Remove the NUL character from the document's strings.");
            }
        }
        Integer max = type.length();
        if (max != null && length > max) {
            int codePoints = text.codePointCount(0, length);
            int counted = limits.lengthInCodePoints() ? codePoints : length;
            if (counted > max) {
                throw new ArgumentException("ATH-E105", attribute + " is " + counted + " characters long"
                        + (counted == codePoints ? "" : " as " + database + " counts them (UTF-16 code units:"
                        + " a character outside the Basic Multilingual Plane, such as an emoji, counts as 2)")
                        + ", but its column " + where(attribute) + " holds at most " + max + ": the value was not"
                        + " written. Shorten it, or widen the column (@Column(length = ..) or type = TEXT).");
            }
        }
    }

    /**
     * Where a JSON text escapes NUL ({@code \\u0000}), or -1. Backslashes occur only inside JSON strings, so
     * following each escape from the start is enough: {@code \\\\u0000} is a backslash and "u0000".
     */
    private static int nulEscape(String json) {
        for (int i = json.indexOf('\\'); i >= 0 && i + 1 < json.length(); i = json.indexOf('\\', i + 2)) {
            if (json.charAt(i + 1) == 'u' && json.startsWith("0000", i + 2)) {
                return i;
            }
        }
        return -1;
    }

    private static void uuid(ColumnAttribute attribute, java.util.UUID uuid, StorageLimits limits, String database) {
        if (!limits.allUuids() && StorageLimits.refusedByMariaDbUuid(uuid)) {
            throw new ArgumentException("ATH-E110", attribute + " is a UUID that the UUID column " + where(attribute)
                    + " of " + database + " refuses (its 7th byte is 80-ff and its 9th byte 01-80, a pattern " + database
                    + " reserves for the UUIDs it stores reordered): the value was not written. Use a standard UUID"
                    + " (UUID.randomUUID() always fits), or map the field to a VARCHAR(36) column"
                    + " (@Column(type = ColumnType.STRING, length = 36)).");
        }
    }

    // ---- numbers ----

    private static void integer(ColumnAttribute attribute, Object value, SqlType type, long min, long max) {
        boolean fits;
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            // Only a statement gives these for an integer column (a field of that type maps to NUMERIC or DOUBLE):
            // the database would round a fraction away, or the conversion below would cut it.
            BigDecimal decimal = value instanceof BigDecimal ? (BigDecimal) value
                    : finite(attribute, value, ": the value was not written.");
            // Read from the exponent, never rescaled: a hostile 1E+999999999 would need a billion digits.
            if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
                throw new ArgumentException("ATH-E108", attribute + " is given a number with a fraction, but its column "
                        + where(attribute) + " holds whole numbers, so the database would round it: the value was not"
                        + " written. Round it yourself, or give a whole number.");
            }
            fits = decimal.compareTo(BigDecimal.valueOf(min)) >= 0 && decimal.compareTo(BigDecimal.valueOf(max)) <= 0;
        } else if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            fits = big.bitLength() < 64 && big.longValue() >= min && big.longValue() <= max;
        } else {
            long number = ((Number) value).longValue();
            fits = number >= min && number <= max;
        }
        if (!fits) {
            throw new ArgumentException("ATH-E107", attribute + " is outside the range of its column " + where(attribute)
                    + ", " + min + " to " + max + ": the value was not written. Use a wider column type"
                    + " (@Column(type = ColumnType.BIG_INTEGER) or NUMERIC) or check the value.");
        }
    }

    private static Object decimal(ColumnAttribute attribute, Object value, SqlType type) {
        BigDecimal decimal;
        Object bound = value;
        if (value instanceof BigDecimal) {
            decimal = (BigDecimal) value;
        } else if (value instanceof Double || value instanceof Float) {
            // Bound as the shortest decimal that reads back as the same double (or float), so that the database
            // does not convert the binary value with its own, shorter precision.
            decimal = finite(attribute, value, ": a NUMERIC column holds exact decimals only. The value was not"
                    + " written. Map the column as DOUBLE, or check the computation that produced it.");
            double number = ((Number) value).doubleValue();
            if (number == 0 && Double.doubleToRawLongBits(number) != 0) {
                throw new ArgumentException("ATH-E109", attribute + " is -0.0 (negative zero), which its column "
                        + where(attribute) + " stores as 0: a NUMERIC column has no negative zero. The value was not"
                        + " written. Add 0.0 to it (-0.0 + 0.0 is 0.0) if the sign of zero does not matter.");
            }
            bound = decimal;
        } else if (value instanceof BigInteger) {
            decimal = new BigDecimal((BigInteger) value);
        } else {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        }
        BigDecimal plain = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        int fraction = Math.max(plain.scale(), 0);
        int whole = Math.max(plain.precision() - plain.scale(), 0);
        if (whole > type.precision() - type.scale()) {
            throw new ArgumentException("ATH-E107", attribute + " has " + whole + " digits before the decimal point,"
                    + " but its column " + where(attribute) + " holds " + (type.precision() - type.scale())
                    + ": the value was not written. Widen the column (@Column(precision = ..)) or check the value.");
        }
        if (fraction > type.scale()) {
            throw new ArgumentException("ATH-E108", attribute + " has " + fraction + " digits after the decimal point,"
                    + " but its column " + where(attribute) + " keeps " + type.scale() + ", so the database would"
                    + " round it: the value was not written. Round it yourself (setScale(" + type.scale()
                    + ", RoundingMode...)) or widen the column's scale.");
        }
        return bound;
    }

    private static void floating(ColumnAttribute attribute, Object value, SqlType type, StorageLimits limits,
                                 String database) {
        double number = ((Number) value).doubleValue();
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            if (!limits.nonFiniteFloats()) {
                throw new ArgumentException("ATH-E109", attribute + " is " + number + ", which " + database
                        + " cannot store in a floating-point column: the value was not written. Store NULL for"
                        + " \"no value\", or check the computation that produced it.");
            }
            return;
        }
        if (number == 0 && Double.doubleToRawLongBits(number) != 0 && !limits.negativeZero()) {
            throw new ArgumentException("ATH-E109", attribute + " is -0.0 (negative zero), which " + database
                    + " stores as 0.0: the value was not written. Add 0.0 to it (-0.0 + 0.0 is 0.0) if the sign of"
                    + " zero does not matter.");
        }
        if (type.kind() == SqlType.Kind.FLOAT && value instanceof Double) {
            float narrowed = (float) number;
            if (Float.isInfinite(narrowed)) {
                throw new ArgumentException("ATH-E107", attribute + " is beyond the range of its column "
                        + where(attribute) + ", a single-precision float (about ±3.4E38): the value was not written."
                        + " Map the column as DOUBLE.");
            }
            if (narrowed != number) {
                throw new ArgumentException("ATH-E108", attribute + " is a double that its column " + where(attribute)
                        + ", a single-precision float, cannot hold exactly: the database would round it to about 7"
                        + " significant digits. The value was not written. Map the column as DOUBLE, or the field as"
                        + " Float.");
            }
        }
    }

    // ---- dates and times ----

    /**
     * The value at the fraction of a second its column keeps: itself when it has no finer fraction;
     * otherwise cut to microseconds (towards the past, so that it never moves into the next second or
     * day), or refused with ATH-E111 when the column says so ({@link ExcessFractions#REFUSE}).
     */
    @SuppressWarnings("unchecked")
    private static <T extends Temporal> T fraction(ColumnAttribute attribute, T value, int nano) {
        int excess = nano % NANOS_PER_KEPT_UNIT;
        if (excess == 0) {
            return value;
        }
        if (!attribute.truncatesFractions()) {
            throw new ArgumentException("ATH-E111", attribute + " has a fraction of a second finer than a microsecond ("
                    + nano + " ns), but its column " + where(attribute) + " keeps microseconds and is set to refuse"
                    + " finer ones (ExcessFractions.REFUSE): the value was not written. Truncate it first:"
                    + " value.truncatedTo(ChronoUnit.MICROS).");
        }
        return (T) value.with(ChronoField.NANO_OF_SECOND, nano - excess);
    }

    private static void date(ColumnAttribute attribute, LocalDate date, StorageLimits limits, String database) {
        if (limits.infinitySentinels() && (date.equals(LocalDate.MIN) || date.equals(LocalDate.MAX))) {
            return;
        }
        if (date.isBefore(limits.minDate()) || date.isAfter(limits.maxDate())) {
            throw outOfRange(attribute, date.getYear(), limits.minDate() + " to " + limits.maxDate(), database);
        }
    }

    /** The timestamp to bind, at the column's fraction of a second, after checking its range. */
    private static Object dateTime(ColumnAttribute attribute, Object value, SqlType type, StorageLimits limits,
                                   String database) {
        Object kept;
        LocalDateTime local;
        if (value instanceof LocalDateTime plain) {
            if (limits.infinitySentinels() && (plain.equals(LocalDateTime.MIN) || plain.equals(LocalDateTime.MAX))) {
                return value;
            }
            local = fraction(attribute, plain, plain.getNano());
            kept = local;
        } else if (value instanceof OffsetDateTime zoned) {
            OffsetDateTime cut = fraction(attribute, zoned, zoned.getNano());
            local = limits.offsetKept() ? cut.toLocalDateTime() : utc(attribute, cut.toInstant(), limits, database);
            kept = cut;
        } else {
            Instant cut = fraction(attribute, (Instant) value, ((Instant) value).getNano());
            local = utc(attribute, cut, limits, database);
            kept = cut;
        }
        if (local.isBefore(limits.minDateTime()) || local.isAfter(limits.maxDateTime())) {
            throw outOfRange(attribute, local.getYear(), limits.minDateTime() + " to " + limits.maxDateTime()
                    + (type.timezone() && !limits.offsetKept() ? " in UTC" : ""), database);
        }
        return kept;
    }

    /** The instant as a UTC date-time, refusing one beyond the years a LocalDateTime holds. */
    private static LocalDateTime utc(ColumnAttribute attribute, Instant instant, StorageLimits limits, String database) {
        long seconds = instant.getEpochSecond();
        if (seconds < LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC)
                || seconds > LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC)) {
            long year = seconds < 0 ? LocalDateTime.MIN.getYear() - 1L : LocalDateTime.MAX.getYear() + 1L;
            throw outOfRange(attribute, year, limits.minDateTime() + " to " + limits.maxDateTime() + " in UTC",
                    database);
        }
        return LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
    }

    private static ArgumentException outOfRange(ColumnAttribute attribute, long year, String range, String database) {
        return new ArgumentException("ATH-E110", attribute + " is in the year " + year + ", outside what its column "
                + where(attribute) + " stores exactly on " + database + " (" + range + "): the value was not"
                + " written. Check the value; a date that stands for \"unknown\" or \"for ever\" is better stored as"
                + " NULL.");
    }
}
