package io.athanor.orm.schema;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.sql.CompiledSql;
import io.athanor.orm.sql.Statement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs createAll and dropAll against a live database, checking first which tables exist. */
final class SchemaOperations {

    private final Connection connection;
    private final DependencyOrder order;
    private final DdlCompiler ddl;

    SchemaOperations(Connection connection, List<Table> tables) {
        this.connection = connection;
        this.order = new DependencyOrder(tables);
        this.ddl = new DdlCompiler(connection.dialect(), order.deferredForeignKeys());
    }

    void createMissing() {
        Set<String> created = new HashSet<>();
        for (Table table : order.sortedTables()) {
            if (!exists(table)) {
                for (String statement : ddl.createTable(table)) {
                    run(statement);
                }
                created.add(table.name());
            }
        }
        for (ForeignKeyConstraint key : order.deferredForeignKeys()) {
            if (created.contains(key.table().name())) {
                run(ddl.addForeignKey(key));
            }
        }
    }

    void dropExisting() {
        Set<String> existing = new HashSet<>();
        for (Table table : order.sortedTables()) {
            if (exists(table)) {
                existing.add(table.name());
            }
        }
        for (ForeignKeyConstraint key : order.deferredForeignKeys()) {
            if (existing.contains(key.table().name()) && existing.contains(key.referredTableName())) {
                run(ddl.dropForeignKey(key));
            }
        }
        List<Table> reversed = new ArrayList<>(order.sortedTables());
        java.util.Collections.reverse(reversed);
        for (Table table : reversed) {
            if (existing.contains(table.name())) {
                run(ddl.dropTable(table));
            }
        }
    }

    private boolean exists(Table table) {
        try {
            return connection.dialect().hasTable(connection.jdbc(), table.name());
        } catch (SQLException failure) {
            throw connection.dialect().translate(failure, null, List.of());
        }
    }

    private void run(String sql) {
        connection.execute(new DdlStatement(sql));
    }

    /** DDL text runs as written: it has no parameters to look for. */
    private static final class DdlStatement implements Statement {
        private final CompiledSql compiled;

        DdlStatement(String sql) {
            this.compiled = new CompiledSql(sql, List.of());
        }

        @Override
        public CompiledSql compile(io.athanor.orm.sql.SqlDialect dialect) {
            return compiled;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }
    }
}
