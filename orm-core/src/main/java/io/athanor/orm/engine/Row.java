package io.athanor.orm.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a {@link Result} (SQLAlchemy's {@code Row}): values by position (from 0) or by column
 * name, optionally converted to a requested Java type.
 *
 * <pre>{@code
 * Row row = conn.execute(Sql.text("select id, name from salesperson")).first();
 * long id = row.get("id", Long.class);
 * String name = row.get(1);
 * }</pre>
 *
 * <p>Names match the column labels regardless of case, since databases fold unquoted names
 * differently. Values arrive as the natural Java type of their SQL type ({@code INTEGER} →
 * {@code Integer}, {@code TIMESTAMP} → {@code LocalDateTime}, {@code DATE} → {@code LocalDate},
 * {@code NUMERIC} → {@code BigDecimal}, ...). Immutable.
 */
public final class Row {

    private final RowShape shape;
    private final Object[] values;

    Row(RowShape shape, Object[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * The value at a position.
     *
     * @param index 0-based column index
     * @param <T> the expected type (unchecked; use {@link #get(int, Class)} to convert)
     * @return the value, or {@code null} for SQL NULL
     */
    @SuppressWarnings("unchecked")
    public <T> T get(int index) {
        shape.checkIndex(index);
        return (T) values[index];
    }

    /**
     * The value of a column by name.
     *
     * @param column the column label, in any case
     * @param <T> the expected type (unchecked; use {@link #get(String, Class)} to convert)
     * @return the value, or {@code null} for SQL NULL
     * @throws io.athanor.orm.ArgumentException listing the columns when there is no such column
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String column) {
        return (T) values[shape.indexOf(column)];
    }

    /**
     * The value at a position, converted to {@code type}.
     *
     * @param index 0-based column index
     * @param type e.g. {@code Long.class}, {@code UUID.class}, {@code OffsetDateTime.class}, an enum
     * @param <T> the type
     * @return the converted value, or {@code null} for SQL NULL
     * @throws io.athanor.orm.ArgumentException when the value cannot be converted without loss
     */
    public <T> T get(int index, Class<T> type) {
        shape.checkIndex(index);
        return ValueConverter.convert(values[index], type, shape.names().get(index));
    }

    /**
     * The value of a column by name, converted to {@code type}.
     *
     * @param column the column label, in any case
     * @param type the Java type wanted
     * @param <T> the type
     * @return the converted value, or {@code null} for SQL NULL
     */
    public <T> T get(String column, Class<T> type) {
        int index = shape.indexOf(column);
        return ValueConverter.convert(values[index], type, shape.names().get(index));
    }

    /** The number of columns. */
    public int size() {
        return values.length;
    }

    /** The column labels, as the database reported them. */
    public List<String> columns() {
        return shape.names();
    }

    /** The values in column order, as a new list. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    /** The row as a map from column label to value, in column order (SQLAlchemy's {@code row._mapping}). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.putIfAbsent(shape.names().get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row && Arrays.deepEquals(values, ((Row) other).values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(StatementLog.render(values[i]));
        }
        return out.append(')').toString();
    }
}
