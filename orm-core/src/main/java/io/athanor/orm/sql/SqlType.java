package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A column type, independent of any database (SQLAlchemy's generic types such as {@code Integer},
 * {@code String(50)}, {@code Numeric(10, 2)}, {@code DateTime(timezone=True)}). Each dialect renders it
 * as its own DDL type name.
 *
 * <p>Immutable. Create one with the static factories, or infer one from a Java type with
 * {@link #forJavaType(Class)}.
 */
public final class SqlType {

    /** The generic kinds of column type. */
    public enum Kind {
        /** 16-bit integer: SMALLINT. */
        SMALL_INTEGER(Short.class),
        /** 32-bit integer: INTEGER. */
        INTEGER(Integer.class),
        /** 64-bit integer: BIGINT. */
        BIG_INTEGER(Long.class),
        /** Exact decimal with precision and scale: NUMERIC. */
        NUMERIC(BigDecimal.class),
        /** Single-precision floating point: REAL. */
        FLOAT(Float.class),
        /** Double-precision floating point: DOUBLE PRECISION. */
        DOUBLE(Double.class),
        /** Variable-length string with a maximum length: VARCHAR(n). */
        STRING(String.class),
        /** Unbounded text: TEXT, CLOB, LONGTEXT. */
        TEXT(String.class),
        /** True/false: BOOLEAN. */
        BOOLEAN(Boolean.class),
        /** A calendar date: DATE. */
        DATE(LocalDate.class),
        /** A time of day: TIME. */
        TIME(LocalTime.class),
        /** A timestamp, without or with time zone ({@link SqlType#timezone()}). */
        DATETIME(LocalDateTime.class),
        /** A UUID: native where the database has it. */
        UUID(java.util.UUID.class),
        /** A Java enum stored by name as a string. */
        ENUM(Enum.class),
        /** Binary data: VARBINARY(n) with a length, else BLOB/BYTEA. */
        BINARY(byte[].class),
        /** JSON text: JSON/JSONB where the database has it. */
        JSON(String.class);

        private final Class<?> javaType;

        Kind(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The Java type values of this kind are read as by default. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    /** INTEGER. */
    public static final SqlType INTEGER = new SqlType(Kind.INTEGER, null, null, null, false, null);
    /** BIGINT. */
    public static final SqlType BIG_INTEGER = new SqlType(Kind.BIG_INTEGER, null, null, null, false, null);
    /** SMALLINT. */
    public static final SqlType SMALL_INTEGER = new SqlType(Kind.SMALL_INTEGER, null, null, null, false, null);
    /** REAL. */
    public static final SqlType FLOAT = new SqlType(Kind.FLOAT, null, null, null, false, null);
    /** DOUBLE PRECISION. */
    public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, null, null, null, false, null);
    /** Unbounded text. */
    public static final SqlType TEXT = new SqlType(Kind.TEXT, null, null, null, false, null);
    /** BOOLEAN. */
    public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, null, null, null, false, null);
    /** DATE. */
    public static final SqlType DATE = new SqlType(Kind.DATE, null, null, null, false, null);
    /** TIME. */
    public static final SqlType TIME = new SqlType(Kind.TIME, null, null, null, false, null);
    /** TIMESTAMP without time zone. */
    public static final SqlType DATETIME = new SqlType(Kind.DATETIME, null, null, null, false, null);
    /** TIMESTAMP WITH TIME ZONE. */
    public static final SqlType DATETIME_TZ = new SqlType(Kind.DATETIME, null, null, null, true, null);
    /** UUID. */
    public static final SqlType UUID = new SqlType(Kind.UUID, null, null, null, false, null);
    /** Unbounded binary data. */
    public static final SqlType LARGE_BINARY = new SqlType(Kind.BINARY, null, null, null, false, null);
    /** JSON. */
    public static final SqlType JSON = new SqlType(Kind.JSON, null, null, null, false, null);

    /** The length a string column gets when none is given, as most ORMs do (VARCHAR(255)). */
    public static final int DEFAULT_STRING_LENGTH = 255;

    private final Kind kind;
    private final Integer length;
    private final Integer precision;
    private final Integer scale;
    private final boolean timezone;
    private final Class<? extends Enum<?>> enumClass;

    private SqlType(Kind kind, Integer length, Integer precision, Integer scale, boolean timezone,
                    Class<? extends Enum<?>> enumClass) {
        this.kind = kind;
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.timezone = timezone;
        this.enumClass = enumClass;
    }

    /**
     * VARCHAR(length).
     *
     * @param length the maximum number of characters, at least 1
     * @return the type
     */
    public static SqlType string(int length) {
        requirePositive(length, "string length");
        return new SqlType(Kind.STRING, length, null, null, false, null);
    }

    /**
     * NUMERIC(precision, scale): an exact decimal.
     *
     * @param precision total number of digits, 1 to 1000
     * @param scale digits after the decimal point, 0 to precision
     * @return the type
     */
    public static SqlType numeric(int precision, int scale) {
        requirePositive(precision, "numeric precision");
        if (precision > 1000) {
            throw new ArgumentException("ATH-E040", "Numeric precision " + precision + " exceeds 1000, the most any"
                    + " supported database allows (MariaDB allows 65).");
        }
        if (scale < 0 || scale > precision) {
            throw new ArgumentException("ATH-E040", "Numeric scale " + scale + " must be between 0 and the precision "
                    + precision + ".");
        }
        return new SqlType(Kind.NUMERIC, null, precision, scale, false, null);
    }

    /**
     * A timestamp; {@code timezone} true gives TIMESTAMP WITH TIME ZONE.
     *
     * @param timezone whether the type carries a time zone
     * @return the type
     */
    public static SqlType dateTime(boolean timezone) {
        return timezone ? DATETIME_TZ : DATETIME;
    }

    /**
     * VARBINARY(length).
     *
     * @param length the maximum number of bytes, at least 1
     * @return the type
     */
    public static SqlType binary(int length) {
        requirePositive(length, "binary length");
        return new SqlType(Kind.BINARY, length, null, null, false, null);
    }

    /**
     * A Java enum stored by constant name in a VARCHAR as long as the longest name.
     *
     * @param enumClass the enum
     * @return the type
     */
    public static SqlType enumOf(Class<? extends Enum<?>> enumClass) {
        int longest = 1;
        for (Enum<?> constant : enumClass.getEnumConstants()) {
            longest = Math.max(longest, constant.name().length());
        }
        return new SqlType(Kind.ENUM, longest, null, null, false, enumClass);
    }

    /**
     * The type Athanor infers for a Java field type: {@code Integer}/{@code int} → INTEGER,
     * {@code Long} → BIGINT, {@code String} → VARCHAR(255), {@code BigDecimal} → NUMERIC(38, 10),
     * {@code LocalDate} → DATE, {@code LocalDateTime} → TIMESTAMP, {@code OffsetDateTime} and
     * {@code Instant} → TIMESTAMP WITH TIME ZONE, {@code boolean} → BOOLEAN, {@code UUID} → UUID,
     * enums → VARCHAR by name, {@code byte[]} → binary.
     *
     * @param javaType the field's type
     * @return the inferred type
     * @throws ArgumentException when there is no natural column type for {@code javaType}
     */
    @SuppressWarnings("unchecked")
    public static SqlType forJavaType(Class<?> javaType) {
        if (javaType == Integer.class || javaType == int.class) {
            return INTEGER;
        } else if (javaType == Long.class || javaType == long.class) {
            return BIG_INTEGER;
        } else if (javaType == Short.class || javaType == short.class
                || javaType == Byte.class || javaType == byte.class) {
            return SMALL_INTEGER;
        } else if (javaType == String.class) {
            return string(DEFAULT_STRING_LENGTH);
        } else if (javaType == BigDecimal.class) {
            return numeric(38, 10);
        } else if (javaType == Double.class || javaType == double.class) {
            return DOUBLE;
        } else if (javaType == Float.class || javaType == float.class) {
            return FLOAT;
        } else if (javaType == Boolean.class || javaType == boolean.class) {
            return BOOLEAN;
        } else if (javaType == LocalDate.class) {
            return DATE;
        } else if (javaType == LocalTime.class) {
            return TIME;
        } else if (javaType == LocalDateTime.class) {
            return DATETIME;
        } else if (javaType == OffsetDateTime.class || javaType == Instant.class) {
            return DATETIME_TZ;
        } else if (javaType == java.util.UUID.class) {
            return UUID;
        } else if (javaType == byte[].class) {
            return LARGE_BINARY;
        } else if (javaType.isEnum()) {
            return enumOf((Class<? extends Enum<?>>) javaType);
        }
        throw new ArgumentException("ATH-E041", "No column type is known for Java type " + javaType.getName()
                + ". Use one of Integer, Long, Short, String, BigDecimal, Double, Float, Boolean, LocalDate,"
                + " LocalTime, LocalDateTime, OffsetDateTime, Instant, UUID, byte[] or an enum, or give the"
                + " type explicitly.");
    }

    /** The generic kind. */
    public Kind kind() {
        return kind;
    }

    /** The length of a string, enum or binary type, or {@code null} when unbounded. */
    public Integer length() {
        return length;
    }

    /** The precision of a numeric type, or {@code null}. */
    public Integer precision() {
        return precision;
    }

    /** The scale of a numeric type, or {@code null}. */
    public Integer scale() {
        return scale;
    }

    /** Whether a timestamp type carries a time zone. */
    public boolean timezone() {
        return timezone;
    }

    /** The enum class of an {@link Kind#ENUM} type, or {@code null}. */
    public Class<? extends Enum<?>> enumClass() {
        return enumClass;
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new ArgumentException("ATH-E040", "The " + what + " must be at least 1, not " + value + ".");
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SqlType)) {
            return false;
        }
        SqlType that = (SqlType) other;
        return kind == that.kind && timezone == that.timezone && Objects.equals(length, that.length)
                && Objects.equals(precision, that.precision) && Objects.equals(scale, that.scale)
                && Objects.equals(enumClass, that.enumClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, precision, scale, timezone, enumClass);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(kind.name());
        if (enumClass != null) {
            out.append('(').append(enumClass.getSimpleName()).append(')');
        } else if (length != null) {
            out.append('(').append(length).append(')');
        } else if (precision != null) {
            out.append('(').append(precision).append(", ").append(scale).append(')');
        } else if (timezone) {
            out.append("(timezone)");
        }
        return out.toString();
    }
}
