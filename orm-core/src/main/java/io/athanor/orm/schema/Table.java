package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.sql.SqlType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A table of a {@link MetaData} (SQLAlchemy's {@code Table}), defined with a builder that registers
 * it in its metadata, as {@code Table("name", metadata, ...)} does:
 *
 * <pre>{@code
 * MetaData metadata = new MetaData();
 * Table customers = Table.builder(metadata, "customers")
 *         .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
 *         .column("name", SqlType.string(50), c -> c.nullable(false).unique())
 *         .build();
 * Table orders = Table.builder(metadata, "orders")
 *         .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
 *         .column("customer_id", SqlType.BIG_INTEGER,
 *                 c -> c.nullable(false).references("customers.id", ReferentialAction.CASCADE))
 *         .column("total", SqlType.numeric(10, 2))
 *         .check("total_positive", "total >= 0")
 *         .build();
 * }</pre>
 *
 * Immutable once built.
 */
public final class Table {

    private final MetaData metadata;
    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> columnsByName;
    private final List<Column> primaryKey;
    private final String primaryKeyName;
    private final List<ForeignKeyConstraint> foreignKeys;
    private final List<UniqueConstraint> uniqueConstraints;
    private final List<CheckConstraint> checks;
    private final List<Index> indexes;

    private Table(Builder builder) {
        this.metadata = builder.metadata;
        this.name = builder.name;
        List<Column> built = new ArrayList<>();
        Map<String, Column> byName = new LinkedHashMap<>();
        long keyCount = builder.columns.stream().filter(Column.Builder::isPrimaryKey).count();
        for (Column.Builder column : builder.columns) {
            Column created = new Column(this, column, autoincrement(column, keyCount));
            built.add(created);
            byName.put(column.name(), created);
        }
        this.columns = List.copyOf(built);
        this.columnsByName = Collections.unmodifiableMap(byName);
        List<Column> key = new ArrayList<>();
        for (Column column : columns) {
            if (column.primaryKey()) {
                key.add(column);
            }
        }
        this.primaryKey = List.copyOf(key);
        this.primaryKeyName = Naming.primaryKey(name);

        List<ForeignKeyConstraint> keys = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<Index> allIndexes = new ArrayList<>();
        for (Column.Builder column : builder.columns) {
            if (column.referencesTarget() != null) {
                String[] target = splitTarget(column.referencesTarget(), column.name());
                keys.add(new ForeignKeyConstraint(this, Naming.foreignKey(name, column.name(), target[0]),
                        List.of(column.name()), target[0], List.of(target[1]), column.onDeleteAction(), null));
            }
            if (column.isUnique()) {
                uniques.add(new UniqueConstraint(Naming.unique(name, column.name()), List.of(column.name())));
            }
            if (column.isIndexed()) {
                allIndexes.add(new Index(Naming.index(name, column.name()), List.of(column.name()), false));
            }
        }
        for (ForeignKeySpec spec : builder.foreignKeys) {
            keys.add(new ForeignKeyConstraint(this, spec.name != null ? spec.name
                    : Naming.foreignKey(name, spec.columns.get(0), spec.referredTable), spec.columns,
                    spec.referredTable, spec.referredColumns, spec.onDelete, spec.onUpdate));
        }
        for (Map.Entry<String, List<String>> unique : builder.uniques) {
            uniques.add(new UniqueConstraint(unique.getKey() != null ? unique.getKey()
                    : Naming.unique(name, unique.getValue().get(0)), unique.getValue()));
        }
        for (Index index : builder.indexes) {
            allIndexes.add(new Index(index.name() != null ? index.name()
                    : Naming.index(name, index.columns().get(0)), index.columns(), index.unique()));
        }
        List<CheckConstraint> allChecks = new ArrayList<>();
        for (Map.Entry<String, String> check : builder.checks) {
            allChecks.add(new CheckConstraint(Naming.check(name, check.getKey()), check.getValue()));
        }
        this.foreignKeys = List.copyOf(keys);
        this.uniqueConstraints = List.copyOf(uniques);
        this.indexes = List.copyOf(allIndexes);
        this.checks = List.copyOf(allChecks);
    }

    private static boolean autoincrement(Column.Builder column, long keyCount) {
        if (column.autoincrementSetting() != null) {
            return column.autoincrementSetting();
        }
        SqlType.Kind kind = column.type().kind();
        boolean integer = kind == SqlType.Kind.INTEGER || kind == SqlType.Kind.BIG_INTEGER
                || kind == SqlType.Kind.SMALL_INTEGER;
        return column.isPrimaryKey() && keyCount == 1 && integer && column.referencesTarget() == null
                && !column.hasAnyDefault();
    }

    private String[] splitTarget(String target, String column) {
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new ArgumentException("ATH-E045", "Column '" + name + "." + column + "' references '" + target
                    + "'; a foreign key target is written \"table.column\", e.g. \"customers.id\".");
        }
        return new String[] {target.substring(0, dot), target.substring(dot + 1)};
    }

    /**
     * Starts defining a table named {@code name} in {@code metadata}.
     *
     * @param metadata the catalog the table joins when built
     * @param name the table's name
     * @return the builder
     */
    public static Builder builder(MetaData metadata, String name) {
        return new Builder(metadata, name);
    }

    /** The metadata this table belongs to. */
    public MetaData metadata() {
        return metadata;
    }

    /** The table's name. */
    public String name() {
        return name;
    }

    /** The columns, in definition order. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * A column by name.
     *
     * @param columnName the column's name
     * @return the column
     * @throws ArgumentException listing the table's columns when there is no such column
     */
    public Column column(String columnName) {
        Column column = columnsByName.get(columnName);
        if (column == null) {
            throw new ArgumentException("ATH-E043", "Table '" + name + "' has no column '" + columnName
                    + "'; its columns are " + columnsByName.keySet() + ".");
        }
        return column;
    }

    /**
     * Whether the table has a column of that name.
     *
     * @param columnName the name
     * @return true when it has
     */
    public boolean hasColumn(String columnName) {
        return columnsByName.containsKey(columnName);
    }

    /** The primary-key columns in definition order; empty when the table has no primary key. */
    public List<Column> primaryKey() {
        return primaryKey;
    }

    /** The name of the primary-key constraint, {@code pk_<table>}. */
    public String primaryKeyName() {
        return primaryKeyName;
    }

    /** The foreign keys. */
    public List<ForeignKeyConstraint> foreignKeys() {
        return foreignKeys;
    }

    /** The unique constraints, those of single columns included. */
    public List<UniqueConstraint> uniqueConstraints() {
        return uniqueConstraints;
    }

    /** The check constraints. */
    public List<CheckConstraint> checks() {
        return checks;
    }

    /** The indexes, those of single columns included. */
    public List<Index> indexes() {
        return indexes;
    }

    @Override
    public String toString() {
        return "Table(" + name + ")";
    }

    private static final class ForeignKeySpec {
        final String name;
        final List<String> columns;
        final String referredTable;
        final List<String> referredColumns;
        final ReferentialAction onDelete;
        final ReferentialAction onUpdate;

        ForeignKeySpec(String name, List<String> columns, String referredTable, List<String> referredColumns,
                       ReferentialAction onDelete, ReferentialAction onUpdate) {
            this.name = name;
            this.columns = List.copyOf(columns);
            this.referredTable = referredTable;
            this.referredColumns = List.copyOf(referredColumns);
            this.onDelete = onDelete;
            this.onUpdate = onUpdate;
        }
    }

    /** Defines a table; {@link #build()} checks the definition and registers the table. */
    public static final class Builder {

        private final MetaData metadata;
        private final String name;
        private final List<Column.Builder> columns = new ArrayList<>();
        private final List<ForeignKeySpec> foreignKeys = new ArrayList<>();
        private final List<Map.Entry<String, List<String>>> uniques = new ArrayList<>();
        private final List<Map.Entry<String, String>> checks = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();

        private Builder(MetaData metadata, String name) {
            if (metadata == null) {
                throw new ArgumentException("ATH-E044", "Table '" + name + "' needs a MetaData to belong to.");
            }
            if (name == null || name.isBlank()) {
                throw new ArgumentException("ATH-E044", "A table needs a non-blank name.");
            }
            this.metadata = metadata;
            this.name = name;
        }

        /**
         * Adds a column with default settings (nullable, no key).
         *
         * @param columnName the column's name
         * @param type the column's type
         * @return this builder
         */
        public Builder column(String columnName, SqlType type) {
            return column(columnName, type, UnaryOperator.identity());
        }

        /**
         * Adds a column, with settings: {@code c -> c.primaryKey()}, {@code c -> c.nullable(false).unique()}.
         *
         * @param columnName the column's name
         * @param type the column's type
         * @param settings applies settings to the column's builder
         * @return this builder
         */
        public Builder column(String columnName, SqlType type, UnaryOperator<Column.Builder> settings) {
            columns.add(settings.apply(new Column.Builder(columnName, type)));
            return this;
        }

        /**
         * Adds a foreign key over one or more columns (use it for composite keys).
         *
         * @param constraintName the name, or {@code null} for {@code fk_<table>_<column>_<referred>}
         * @param localColumns the referencing columns of this table
         * @param referredTable the referenced table's name
         * @param referredColumns the referenced columns, in the same order
         * @param onDelete the ON DELETE action, or {@code null}
         * @return this builder
         */
        public Builder foreignKey(String constraintName, List<String> localColumns, String referredTable,
                                  List<String> referredColumns, ReferentialAction onDelete) {
            return foreignKey(constraintName, localColumns, referredTable, referredColumns, onDelete, null);
        }

        /**
         * Adds a foreign key with ON DELETE and ON UPDATE actions.
         *
         * @param constraintName the name, or {@code null} for the conventional one
         * @param localColumns the referencing columns of this table
         * @param referredTable the referenced table's name
         * @param referredColumns the referenced columns, in the same order
         * @param onDelete the ON DELETE action, or {@code null}
         * @param onUpdate the ON UPDATE action, or {@code null}
         * @return this builder
         */
        public Builder foreignKey(String constraintName, List<String> localColumns, String referredTable,
                                  List<String> referredColumns, ReferentialAction onDelete,
                                  ReferentialAction onUpdate) {
            foreignKeys.add(new ForeignKeySpec(constraintName, localColumns, referredTable, referredColumns,
                    onDelete, onUpdate));
            return this;
        }

        /**
         * Adds a unique constraint over several columns.
         *
         * @param constraintName the name, or {@code null} for {@code uq_<table>_<first column>}
         * @param columnNames the columns
         * @return this builder
         */
        public Builder unique(String constraintName, String... columnNames) {
            uniques.add(new java.util.AbstractMap.SimpleImmutableEntry<>(constraintName, List.of(columnNames)));
            return this;
        }

        /**
         * Adds a CHECK constraint named {@code ck_<table>_<name>}.
         *
         * @param constraintName the short name
         * @param condition the SQL condition, e.g. {@code price > 0}
         * @return this builder
         */
        public Builder check(String constraintName, String condition) {
            checks.add(new java.util.AbstractMap.SimpleImmutableEntry<>(constraintName, condition));
            return this;
        }

        /**
         * Adds an index.
         *
         * @param indexName the name, or {@code null} for {@code ix_<table>_<first column>}
         * @param unique whether the index is unique
         * @param columnNames the columns
         * @return this builder
         */
        public Builder index(String indexName, boolean unique, String... columnNames) {
            indexes.add(new Index(indexName, List.of(columnNames), unique));
            return this;
        }

        /**
         * Checks the definition and registers the table in its metadata.
         *
         * @return the table
         * @throws ArgumentException naming the table and column at fault
         */
        public Table build() {
            new TableValidator(this).validate();
            Table table = new Table(this);
            metadata.add(table);
            return table;
        }

        String name() {
            return name;
        }

        MetaData metadata() {
            return metadata;
        }

        List<Column.Builder> columns() {
            return columns;
        }

        List<List<String>> constrainedColumnLists() {
            List<List<String>> lists = new ArrayList<>();
            foreignKeys.forEach(key -> lists.add(key.columns));
            uniques.forEach(unique -> lists.add(unique.getValue()));
            indexes.forEach(index -> lists.add(index.columns()));
            return lists;
        }

        List<String> checkNames() {
            List<String> names = new ArrayList<>();
            checks.forEach(check -> names.add(check.getKey()));
            return names;
        }

        List<int[]> foreignKeyArities() {
            List<int[]> arities = new ArrayList<>();
            foreignKeys.forEach(key -> arities.add(new int[] {key.columns.size(), key.referredColumns.size()}));
            return arities;
        }
    }
}
