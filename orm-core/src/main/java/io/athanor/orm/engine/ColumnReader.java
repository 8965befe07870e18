package io.athanor.orm.engine;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row, chosen once per result column by
 * {@link Dialect#reader(int, String)}, so that reading a row does not decide again, value by value,
 * how each column is read.
 */
@FunctionalInterface
public interface ColumnReader {

    /**
     * Reads the column.
     *
     * @param resultSet the result set, positioned on a row
     * @param index the 1-based column index
     * @return the value, or {@code null} for SQL NULL
     * @throws SQLException when the driver fails to read it
     */
    Object read(ResultSet resultSet, int index) throws SQLException;
}
