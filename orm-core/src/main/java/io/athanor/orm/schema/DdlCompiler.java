package io.athanor.orm.schema;

import io.athanor.orm.engine.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Writes CREATE TABLE, CREATE INDEX and ALTER TABLE statements for one dialect. */
final class DdlCompiler {

    private final Dialect dialect;
    private final List<ForeignKeyConstraint> deferred;

    DdlCompiler(Dialect dialect, List<ForeignKeyConstraint> deferred) {
        this.dialect = dialect;
        this.deferred = deferred;
    }

    /** CREATE TABLE followed by the table's CREATE INDEX statements. */
    List<String> createTable(Table table) {
        StringJoiner body = new StringJoiner(",\n\t", "CREATE TABLE " + quote(table.name()) + " (\n\t",
                "\n)" + dialect.tableOptions());
        for (Column column : table.columns()) {
            body.add(columnDefinition(column));
        }
        if (!table.primaryKey().isEmpty()) {
            body.add("CONSTRAINT " + quote(table.primaryKeyName()) + " PRIMARY KEY (" + columnList(
                    table.primaryKey().stream().map(Column::name).toList()) + ")");
        }
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            body.add("CONSTRAINT " + quote(unique.name()) + " UNIQUE (" + columnList(unique.columns()) + ")");
        }
        for (ForeignKeyConstraint key : table.foreignKeys()) {
            if (!deferred.contains(key)) {
                body.add(foreignKeyClause(key));
            }
        }
        for (CheckConstraint check : table.checks()) {
            body.add("CONSTRAINT " + quote(check.name()) + " CHECK (" + check.condition() + ")");
        }
        List<String> statements = new ArrayList<>();
        statements.add(body.toString());
        for (Index index : table.indexes()) {
            statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                    + quote(table.name()) + " (" + columnList(index.columns()) + ")");
        }
        return statements;
    }

    String addForeignKey(ForeignKeyConstraint key) {
        return "ALTER TABLE " + quote(key.table().name()) + " ADD " + foreignKeyClause(key);
    }

    String dropForeignKey(ForeignKeyConstraint key) {
        return dialect.dropForeignKey(quote(key.table().name()), quote(key.name()));
    }

    String dropTable(Table table) {
        return "DROP TABLE " + quote(table.name());
    }

    private String columnDefinition(Column column) {
        StringBuilder definition = new StringBuilder(quote(column.name())).append(' ');
        if (column.autoincrement()) {
            definition.append(dialect.identityColumn(column.type()));
        } else {
            definition.append(dialect.typeName(column.type()));
            if (column.serverDefault() != null) {
                definition.append(" DEFAULT ").append(column.serverDefault());
            }
            if (!column.nullable()) {
                definition.append(" NOT NULL");
            }
        }
        return definition.toString();
    }

    private String foreignKeyClause(ForeignKeyConstraint key) {
        StringBuilder clause = new StringBuilder("CONSTRAINT ").append(quote(key.name())).append(" FOREIGN KEY (")
                .append(columnList(key.columns())).append(") REFERENCES ").append(quote(key.referredTableName()))
                .append(" (").append(columnList(key.referredColumns())).append(')');
        if (key.onDelete() != null) {
            clause.append(" ON DELETE ").append(key.onDelete().sql());
        }
        if (key.onUpdate() != null) {
            clause.append(" ON UPDATE ").append(key.onUpdate().sql());
        }
        return clause.toString();
    }

    private String columnList(List<String> columns) {
        StringJoiner list = new StringJoiner(", ");
        for (String column : columns) {
            list.add(quote(column));
        }
        return list.toString();
    }

    private String quote(String identifier) {
        return dialect.quoteIdentifier(identifier);
    }
}
