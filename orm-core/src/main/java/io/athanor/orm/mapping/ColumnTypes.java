package io.athanor.orm.mapping;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.MappingException;
import io.athanor.orm.sql.SqlType;

import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Chooses the column type of a field from its Java type and its {@code @Column} settings. */
final class ColumnTypes {

    /** Which Java types each explicit column type accepts. */
    private static final Map<ColumnType, Set<Class<?>>> ACCEPTED = Map.ofEntries(
            Map.entry(ColumnType.SMALL_INTEGER, Set.of(Short.class, Byte.class, Integer.class)),
            Map.entry(ColumnType.INTEGER, Set.of(Integer.class, Short.class, Byte.class, Long.class)),
            Map.entry(ColumnType.BIG_INTEGER, Set.of(Long.class, Integer.class, java.math.BigInteger.class)),
            Map.entry(ColumnType.NUMERIC, Set.of(BigDecimal.class, Double.class, Float.class, Long.class, Integer.class)),
            Map.entry(ColumnType.FLOAT, Set.of(Float.class, Double.class)),
            Map.entry(ColumnType.DOUBLE, Set.of(Double.class, Float.class)),
            Map.entry(ColumnType.STRING, Set.of(String.class, Enum.class, UUID.class)),
            Map.entry(ColumnType.TEXT, Set.of(String.class)),
            Map.entry(ColumnType.JSON, Set.of(String.class)),
            Map.entry(ColumnType.BOOLEAN, Set.of(Boolean.class)),
            Map.entry(ColumnType.DATE, Set.of(LocalDate.class)),
            Map.entry(ColumnType.TIME, Set.of(LocalTime.class)),
            Map.entry(ColumnType.DATETIME, Set.of(LocalDateTime.class)),
            Map.entry(ColumnType.DATETIME_TZ, Set.of(OffsetDateTime.class, Instant.class)),
            Map.entry(ColumnType.UUID, Set.of(UUID.class)),
            Map.entry(ColumnType.BINARY, Set.of(byte[].class)));

    private ColumnTypes() {
    }

    static SqlType choose(Field field, Column column) {
        try {
            return chooseType(field, column);
        } catch (ArgumentException invalid) {
            if (invalid instanceof MappingException) {
                throw invalid;
            }
            throw new MappingException("ATH-E051", field.getDeclaringClass().getSimpleName() + "." + field.getName()
                    + " has an invalid column type: " + invalid.getMessage(), invalid);
        }
    }

    @SuppressWarnings("unchecked")
    private static SqlType chooseType(Field field, Column column) {
        Class<?> javaType = boxed(field.getType());
        String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
        if (column.type() == ColumnType.AUTO) {
            if (javaType == String.class && column.length() > 0) {
                return SqlType.string(column.length());
            } else if (javaType == BigDecimal.class && column.precision() > 0) {
                return SqlType.numeric(column.precision(), Math.max(column.scale(), 0));
            } else if (javaType == byte[].class && column.length() > 0) {
                return SqlType.binary(column.length());
            }
            try {
                return SqlType.forJavaType(javaType);
            } catch (ArgumentException unsupported) {
                throw new MappingException("ATH-E051", where + " has type " + field.getType().getName()
                        + ", which has no column type. Map it as one of Integer, Long, Short, String, BigDecimal, Double,"
                        + " Float, Boolean, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant, UUID, byte[]"
                        + " or an enum, or leave the field unannotated to keep it out of the table.");
            }
        }
        Set<Class<?>> accepted = ACCEPTED.get(column.type());
        boolean fits = accepted.contains(javaType) || (javaType.isEnum() && accepted.contains(Enum.class));
        if (!fits) {
            throw new MappingException("ATH-E051", where + " is a " + field.getType().getName() + " but is declared"
                    + " @Column(type = ColumnType." + column.type() + "), which holds " + accepted.stream()
                    .map(Class::getSimpleName).sorted().toList() + ". Change the field's type or the column type.");
        }
        switch (column.type()) {
            case SMALL_INTEGER:
                return SqlType.SMALL_INTEGER;
            case INTEGER:
                return SqlType.INTEGER;
            case BIG_INTEGER:
                return SqlType.BIG_INTEGER;
            case NUMERIC:
                int precision = column.precision() > 0 ? column.precision() : 38;
                int scale = column.scale() >= 0 ? column.scale() : (column.precision() > 0 ? 0 : 10);
                return SqlType.numeric(precision, scale);
            case FLOAT:
                return SqlType.FLOAT;
            case DOUBLE:
                return SqlType.DOUBLE;
            case STRING:
                if (javaType.isEnum() && column.length() <= 0) {
                    return SqlType.enumOf((Class<? extends Enum<?>>) javaType);
                }
                return SqlType.string(column.length() > 0 ? column.length() : SqlType.DEFAULT_STRING_LENGTH);
            case TEXT:
                return SqlType.TEXT;
            case JSON:
                return SqlType.JSON;
            case BOOLEAN:
                return SqlType.BOOLEAN;
            case DATE:
                return SqlType.DATE;
            case TIME:
                return SqlType.TIME;
            case DATETIME:
                return SqlType.DATETIME;
            case DATETIME_TZ:
                return SqlType.DATETIME_TZ;
            case UUID:
                return SqlType.UUID;
            default:
                return column.length() > 0 ? SqlType.binary(column.length()) : SqlType.LARGE_BINARY;
        }
    }

    /**
     * Converts the text of {@code @Column(defaultValue = ..)} to the field's type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parseDefault(Field field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        Class<?> type = boxed(field.getType());
        try {
            if (type == String.class) {
                return text;
            } else if (type == Integer.class) {
                return Integer.valueOf(text);
            } else if (type == Long.class) {
                return Long.valueOf(text);
            } else if (type == Short.class) {
                return Short.valueOf(text);
            } else if (type == Byte.class) {
                return Byte.valueOf(text);
            } else if (type == Double.class) {
                return Double.valueOf(text);
            } else if (type == Float.class) {
                return Float.valueOf(text);
            } else if (type == BigDecimal.class) {
                return new BigDecimal(text);
            } else if (type == Boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.valueOf(text);
            } else if (type == UUID.class) {
                return UUID.fromString(text);
            } else if (type == LocalDate.class) {
                return LocalDate.parse(text);
            } else if (type == LocalTime.class) {
                return LocalTime.parse(text);
            } else if (type == LocalDateTime.class) {
                return LocalDateTime.parse(text);
            } else if (type == OffsetDateTime.class) {
                return OffsetDateTime.parse(text);
            } else if (type == Instant.class) {
                return Instant.parse(text);
            } else if (type.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) type, text);
            }
        } catch (RuntimeException bad) {
            throw new MappingException("ATH-E056", field.getDeclaringClass().getSimpleName() + "." + field.getName()
                    + " has defaultValue \"" + text + "\", which is not a valid " + type.getSimpleName() + " ("
                    + bad.getMessage() + ").");
        }
        throw new MappingException("ATH-E056", field.getDeclaringClass().getSimpleName() + "." + field.getName()
                + " is a " + type.getSimpleName() + ", which cannot take a defaultValue written as text; set the"
                + " default in a field initializer instead.");
    }

    static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
