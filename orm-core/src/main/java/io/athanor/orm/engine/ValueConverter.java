package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Converts a value read from the database to the Java type the caller asked for, refusing any
 * conversion that would lose information (a fraction, an overflowing number, an unknown enum name).
 */
public final class ValueConverter {

    private ValueConverter() {
    }

    /**
     * Converts {@code value} to {@code type}.
     *
     * @param value a value as read by a dialect, possibly {@code null}
     * @param type the wanted type; primitives are treated as their wrappers
     * @param column the column the value came from, for the error message
     * @param <T> the type
     * @return the converted value, or {@code null} for {@code null}
     * @throws ArgumentException (code {@code ATH-E015}) when the value cannot be converted exactly
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> T convert(Object value, Class<T> type, String column) {
        if (value == null) {
            return null;
        }
        Class<?> target = wrap(type);
        if (target.isInstance(value)) {
            return (T) value;
        }
        try {
            Object converted = null;
            if (value instanceof Number) {
                converted = fromNumber((Number) value, target);
            } else if (value instanceof String) {
                converted = fromString((String) value, target);
            } else if (value instanceof LocalDateTime) {
                // A timestamp without zone is taken as UTC (MariaDB stores zoned values that way).
                if (target == OffsetDateTime.class) {
                    converted = ((LocalDateTime) value).atOffset(ZoneOffset.UTC);
                } else if (target == Instant.class) {
                    converted = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
                }
            } else if (value instanceof OffsetDateTime && target == Instant.class) {
                converted = ((OffsetDateTime) value).toInstant();
            } else if (value instanceof Boolean && Number.class.isAssignableFrom(target)) {
                converted = fromNumber((Boolean) value ? 1 : 0, target);
            } else if (value instanceof byte[] && target == UUID.class && ((byte[]) value).length == 16) {
                ByteBuffer buffer = ByteBuffer.wrap((byte[]) value);
                converted = new UUID(buffer.getLong(), buffer.getLong());
            } else if (value instanceof UUID && target == String.class) {
                converted = value.toString();
            } else if (target == String.class && value instanceof Enum) {
                converted = ((Enum) value).name();
            }
            if (converted != null) {
                return (T) converted;
            }
        } catch (ArithmeticException | IllegalArgumentException lossy) {
            throw failure(value, type, column, lossy.getMessage());
        }
        throw failure(value, type, column, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fromString(String value, Class<?> target) {
        if (target == UUID.class) {
            return UUID.fromString(value);
        } else if (target.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) target, value);
        } else if (target == Character.class && value.length() == 1) {
            return value.charAt(0);
        } else if (target == BigDecimal.class) {
            return new BigDecimal(value);
        }
        return null;
    }

    private static Object fromNumber(Number value, Class<?> target) {
        if (target == Boolean.class) {
            long flag = exact(value).longValueExact();
            if (flag == 0 || flag == 1) {
                return flag == 1;
            }
            throw new ArithmeticException(value + " is neither 0 nor 1");
        }
        if (target == Double.class) {
            return value.doubleValue();
        } else if (target == Float.class) {
            return value.floatValue();
        }
        BigDecimal decimal = exact(value);
        if (target == Long.class) {
            return decimal.longValueExact();
        } else if (target == Integer.class) {
            return decimal.intValueExact();
        } else if (target == Short.class) {
            return decimal.shortValueExact();
        } else if (target == Byte.class) {
            return decimal.byteValueExact();
        } else if (target == BigDecimal.class) {
            return decimal;
        } else if (target == BigInteger.class) {
            return decimal.toBigIntegerExact();
        }
        return null;
    }

    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        } else if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        } else if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(value.doubleValue());
        }
        return BigDecimal.valueOf(value.longValue());
    }

    private static ArgumentException failure(Object value, Class<?> type, String column, String reason) {
        return new ArgumentException("ATH-E015", "Cannot convert the value " + StatementLog.render(value) + " ("
                + value.getClass().getName() + ") of column '" + column + "' to " + type.getName()
                + (reason == null ? "" : ": " + reason) + ". Ask for a type that holds it exactly, such as "
                + value.getClass().getSimpleName() + ".");
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        } else if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
