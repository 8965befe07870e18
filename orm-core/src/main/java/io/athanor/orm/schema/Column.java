package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.sql.SqlType;

import java.util.function.Supplier;

/**
 * A column of a {@link Table} (SQLAlchemy's {@code Column}). Created through
 * {@link Table.Builder#column(String, SqlType, java.util.function.UnaryOperator)}; immutable once
 * the table is built.
 */
public final class Column {

    private final Table table;
    /** Built once: conversions name the column on every value they read. */
    private final String qualifiedName;
    private final String name;
    private final SqlType type;
    private final boolean primaryKey;
    private final boolean nullable;
    private final boolean unique;
    private final boolean indexed;
    private final boolean autoincrement;
    private final Object defaultValue;
    private final String serverDefault;

    Column(Table table, Builder builder, boolean autoincrement) {
        this.table = table;
        this.qualifiedName = table.name() + "." + builder.name;
        this.name = builder.name;
        this.type = builder.type;
        this.primaryKey = builder.primaryKey;
        this.nullable = builder.nullable != null ? builder.nullable : !builder.primaryKey;
        this.unique = builder.unique;
        this.indexed = builder.index;
        this.autoincrement = autoincrement;
        this.defaultValue = builder.defaultValue;
        this.serverDefault = builder.serverDefault;
    }

    /** The table this column belongs to. */
    public Table table() {
        return table;
    }

    /** The column's name. */
    public String name() {
        return name;
    }

    /** The column's type. */
    public SqlType type() {
        return type;
    }

    /** Whether the column is part of the primary key. */
    public boolean primaryKey() {
        return primaryKey;
    }

    /** Whether the column accepts NULL; primary-key columns do not. */
    public boolean nullable() {
        return nullable;
    }

    /** Whether the column alone has a unique constraint. */
    public boolean unique() {
        return unique;
    }

    /** Whether the column alone has an index. */
    public boolean indexed() {
        return indexed;
    }

    /**
     * Whether the database generates the column's value (an identity or AUTO_INCREMENT column). By
     * default true for a single-column integer primary key with no foreign key and no default, as in
     * SQLAlchemy.
     */
    public boolean autoincrement() {
        return autoincrement;
    }

    /** The SQL expression the database uses when an INSERT gives no value, or {@code null}. */
    public String serverDefault() {
        return serverDefault;
    }

    /** Whether a client-side default value or supplier is set. */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /**
     * The client-side default for a new row: the fixed value, or a fresh value from the supplier
     * (e.g. {@code UUID::randomUUID}); {@code null} when there is none. Applied to an INSERT that gives
     * no value for this column.
     *
     * @return the default value
     */
    public Object newDefaultValue() {
        return defaultValue instanceof Supplier ? ((Supplier<?>) defaultValue).get() : defaultValue;
    }

    /** {@code table.column}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }

    /** Settings of a column being defined. */
    public static final class Builder {

        private final String name;
        private final SqlType type;
        private boolean primaryKey;
        private Boolean nullable;
        private boolean unique;
        private boolean index;
        private Boolean autoincrement;
        private Object defaultValue;
        private String serverDefault;
        private String references;
        private ReferentialAction onDelete;

        Builder(String name, SqlType type) {
            if (name == null || name.isBlank()) {
                throw new ArgumentException("ATH-E042", "A column needs a non-blank name.");
            }
            this.name = name;
            if (type == null) {
                throw new ArgumentException("ATH-E042", "Column '" + name + "' needs a type, e.g. SqlType.string(50).");
            }
            this.type = type;
        }

        /**
         * Makes the column part of the primary key (several columns make a composite key).
         *
         * @return this builder
         */
        public Builder primaryKey() {
            this.primaryKey = true;
            return this;
        }

        /**
         * Whether the column accepts NULL. Default: true, false for primary-key columns.
         *
         * @param nullable whether NULL is allowed
         * @return this builder
         */
        public Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        /**
         * Adds a unique constraint on this column alone, named {@code uq_<table>_<column>}.
         *
         * @return this builder
         */
        public Builder unique() {
            this.unique = true;
            return this;
        }

        /**
         * Adds an index on this column alone, named {@code ix_<table>_<column>}.
         *
         * @return this builder
         */
        public Builder index() {
            this.index = true;
            return this;
        }

        /**
         * Whether the database generates the value; see {@link Column#autoincrement()} for the default.
         *
         * @param autoincrement whether the column is an identity column
         * @return this builder
         */
        public Builder autoincrement(boolean autoincrement) {
            this.autoincrement = autoincrement;
            return this;
        }

        /**
         * A client-side default: the value an INSERT uses when it gives none. A {@link Supplier} is
         * called for each new row.
         *
         * @param value a value, or a {@code Supplier} of values
         * @return this builder
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * A server-side default, as an SQL expression written into the DDL, e.g.
         * {@code CURRENT_TIMESTAMP} or {@code 'new'} (quote string literals yourself).
         *
         * @param sqlExpression the expression
         * @return this builder
         */
        public Builder serverDefault(String sqlExpression) {
            this.serverDefault = sqlExpression;
            return this;
        }

        /**
         * Adds a foreign key from this column to {@code "table.column"}.
         *
         * @param target the referenced column, as {@code table.column}
         * @return this builder
         */
        public Builder references(String target) {
            return references(target, null);
        }

        /**
         * Adds a foreign key from this column to {@code "table.column"} with an ON DELETE action.
         *
         * @param target the referenced column, as {@code table.column}
         * @param onDelete what happens to this row when the referenced one is deleted; {@code null} for
         *                 the database's default
         * @return this builder
         */
        public Builder references(String target, ReferentialAction onDelete) {
            this.references = target;
            this.onDelete = onDelete;
            return this;
        }

        String name() {
            return name;
        }

        SqlType type() {
            return type;
        }

        boolean isPrimaryKey() {
            return primaryKey;
        }

        boolean isUnique() {
            return unique;
        }

        boolean isIndexed() {
            return index;
        }

        Boolean autoincrementSetting() {
            return autoincrement;
        }

        boolean hasAnyDefault() {
            return defaultValue != null || serverDefault != null;
        }

        String referencesTarget() {
            return references;
        }

        ReferentialAction onDeleteAction() {
            return onDelete;
        }
    }
}
