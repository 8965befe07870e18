package io.athanor.orm.session;

import io.athanor.orm.engine.Dialect;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.sql.CompiledSql;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL the session writes for one mapped class on one dialect: SELECT by key, INSERT, UPDATE and
 * DELETE. Each shape is written once and cached on the mapper, keyed by which columns it names.
 */
final class EntityStatements {

    private final Mapper<?> mapper;
    private final Dialect dialect;
    private final List<ColumnAttribute> attributes;
    private final String table;

    private EntityStatements(Mapper<?> mapper, Dialect dialect) {
        this.mapper = mapper;
        this.dialect = dialect;
        this.attributes = mapper.attributes();
        this.table = dialect.quoteIdentifier(mapper.table().name());
    }

    static EntityStatements of(Mapper<?> mapper, Dialect dialect) {
        return mapper.cached(dialect.name() + ":statements", () -> new EntityStatements(mapper, dialect));
    }

    /** SELECT of every mapped column, attributes in order, without a WHERE clause. */
    String selectColumns() {
        return mapper.cached(dialect.name() + ":select", () -> {
            StringJoiner columns = new StringJoiner(", ", "SELECT ", " FROM " + table);
            for (ColumnAttribute attribute : attributes) {
                columns.add(quote(attribute));
            }
            return columns.toString();
        });
    }

    CompiledSql selectByKey() {
        return mapper.cached(dialect.name() + ":selectByKey", () -> {
            List<String> names = new ArrayList<>();
            StringJoiner where = new StringJoiner(" AND ", selectColumns() + " WHERE ", "");
            for (ColumnAttribute key : mapper.primaryKeyAttributes()) {
                where.add(quote(key) + " = ?");
                names.add(key.name());
            }
            return new CompiledSql(where.toString(), names, true);
        });
    }

    /** SELECT of the rows whose single-column key is one of {@code count} values. */
    CompiledSql selectByKeys(int count) {
        ColumnAttribute key = mapper.primaryKeyAttributes().get(0);
        StringJoiner markers = new StringJoiner(", ", selectColumns() + " WHERE " + quote(key) + " IN (", ")");
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            markers.add("?");
            names.add(key.name());
        }
        return new CompiledSql(markers.toString(), names, true);
    }

    /** INSERT naming the attributes whose bits are set in {@code included}; cached per set. */
    CompiledSql insert(java.util.BitSet included, List<ColumnAttribute> returning) {
        String cacheKey = dialect.name() + ":insert:" + included + ":" + returning.size();
        return mapper.cached(cacheKey, () -> {
            StringJoiner columns = new StringJoiner(", ", "INSERT INTO " + table + " (", ")");
            StringJoiner values = new StringJoiner(", ", " VALUES (", ")");
            List<String> names = new ArrayList<>();
            for (int i = included.nextSetBit(0); i >= 0; i = included.nextSetBit(i + 1)) {
                columns.add(quote(attributes.get(i)));
                values.add("?");
                names.add(attributes.get(i).name());
            }
            if (included.isEmpty()) {
                return new CompiledSql(dialect.insertDefaultValues(table), names);
            }
            return new CompiledSql(columns + values.toString(), names);
        });
    }

    /** INSERT ... RETURNING, for databases whose driver returns only the auto-increment key otherwise. */
    CompiledSql insertReturning(java.util.BitSet included, List<ColumnAttribute> returning) {
        CompiledSql insert = insert(included, returning);
        StringJoiner columns = new StringJoiner(", ", " RETURNING ", "");
        for (ColumnAttribute attribute : returning) {
            columns.add(quote(attribute));
        }
        return new CompiledSql(insert.sql() + columns, insert.parameterNames());
    }

    /**
     * One INSERT of {@code rows} rows, {@code VALUES (..), (..) RETURNING key}: the parameters are the
     * rows' values one row after the other. Cached per column set and row count.
     */
    CompiledSql insertManyReturning(java.util.BitSet included, ColumnAttribute key, int rows) {
        String cacheKey = dialect.name() + ":insertmany:" + included + ":" + rows;
        return mapper.cached(cacheKey, () -> {
            CompiledSql single = insert(included, List.of(key));
            String sql = single.sql();
            int valuesAt = sql.lastIndexOf(" VALUES (");
            String row = sql.substring(valuesAt + " VALUES ".length());
            StringBuilder many = new StringBuilder(sql.length() + rows * (row.length() + 2));
            many.append(sql, 0, valuesAt).append(" VALUES ").append(row);
            List<String> names = new ArrayList<>(single.parameterNames().size() * rows);
            names.addAll(single.parameterNames());
            for (int i = 1; i < rows; i++) {
                many.append(", ").append(row);
                names.addAll(single.parameterNames());
            }
            many.append(" RETURNING ").append(quote(key));
            return new CompiledSql(many.toString(), names);
        });
    }

    /** UPDATE of the attributes whose bits are set in {@code changed}, by primary key; cached per set. */
    CompiledSql update(java.util.BitSet changed) {
        return mapper.cached(dialect.name() + ":update:" + changed, () -> {
            StringJoiner set = new StringJoiner(", ", "UPDATE " + table + " SET ", "");
            List<String> names = new ArrayList<>();
            for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
                set.add(quote(attributes.get(i)) + " = ?");
                names.add(attributes.get(i).name());
            }
            return new CompiledSql(set + whereKey(names), names);
        });
    }

    CompiledSql delete() {
        return mapper.cached(dialect.name() + ":delete", () -> {
            List<String> names = new ArrayList<>();
            return new CompiledSql("DELETE FROM " + table + whereKey(names), names);
        });
    }

    /** WHERE on the primary key, and on the version counter where the class has one. */
    private String whereKey(List<String> names) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
        for (ColumnAttribute key : mapper.primaryKeyAttributes()) {
            where.add(quote(key) + " = ?");
            names.add(key.name());
        }
        ColumnAttribute version = mapper.versionAttribute();
        if (version != null) {
            where.add(quote(version) + " = ?");
            names.add(version.name());
        }
        return where.toString();
    }

    /** The name to ask the driver for when reading a generated column back. */
    String generatedKeyName(ColumnAttribute attribute) {
        return dialect.generatedKeyName(attribute.column().name());
    }

    private String quote(ColumnAttribute attribute) {
        return dialect.quoteIdentifier(attribute.column().name());
    }
}
