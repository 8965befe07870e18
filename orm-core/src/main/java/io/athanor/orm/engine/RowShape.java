package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The columns of a result, read once from its metadata and shared by all its rows. */
final class RowShape {

    private final List<String> names;
    private final int[] jdbcTypes;
    private final String[] typeNames;
    /** How each column is read, chosen by the dialect once per result; null for shapes not read from JDBC. */
    private final ColumnReader[] readers;
    /** By name, built on the first look-up by name: loading objects reads by index only. */
    private Map<String, Integer> exact;
    private Map<String, Integer> folded;

    RowShape(ResultSetMetaData metaData) throws SQLException {
        this(metaData, null);
    }

    RowShape(ResultSetMetaData metaData, Dialect dialect) throws SQLException {
        int count = metaData.getColumnCount();
        String[] labels = new String[count];
        jdbcTypes = new int[count];
        typeNames = new String[count];
        readers = dialect == null ? null : new ColumnReader[count];
        for (int i = 0; i < count; i++) {
            labels[i] = metaData.getColumnLabel(i + 1);
            jdbcTypes[i] = metaData.getColumnType(i + 1);
            typeNames[i] = metaData.getColumnTypeName(i + 1);
            if (dialect != null) {
                readers[i] = dialect.reader(jdbcTypes[i], typeNames[i]);
            }
        }
        names = List.copyOf(Arrays.asList(labels));
    }

    /** The reader of a column; only for shapes built with a dialect. */
    ColumnReader reader(int index) {
        return readers[index];
    }

    List<String> names() {
        return names;
    }

    RowShape(List<String> labels) {
        jdbcTypes = new int[labels.size()];
        typeNames = new String[labels.size()];
        readers = null;
        names = List.copyOf(labels);
    }

    int size() {
        return jdbcTypes.length;
    }

    int jdbcType(int index) {
        return jdbcTypes[index];
    }

    String typeName(int index) {
        return typeNames[index];
    }

    int indexOf(String name) {
        if (exact == null) {
            Map<String, Integer> byName = new HashMap<>();
            Map<String, Integer> byFoldedName = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.putIfAbsent(names.get(i), i);
                // Databases fold unquoted names differently (H2 to upper case, PostgreSQL to lower case), so
                // a name also matches regardless of case.
                byFoldedName.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
            }
            folded = byFoldedName;
            exact = byName;
        }
        Integer index = exact.get(name);
        if (index == null) {
            index = folded.get(name.toLowerCase(Locale.ROOT));
        }
        if (index == null) {
            throw new ArgumentException("ATH-E014", "The row has no column '" + name + "'; its columns are "
                    + names + ".");
        }
        return index;
    }

    void checkIndex(int index) {
        if (index < 0 || index >= names.size()) {
            throw new ArgumentException("ATH-E014", "Column index " + index + " is out of range: the row has "
                    + names.size() + " column(s) " + names + ", indexed from 0.");
        }
    }
}
