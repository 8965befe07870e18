package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.schema.Column;
import io.athanor.orm.schema.Table;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Health of Athanor's database: it answers, and the mapping matches the live schema (every mapped table
 * and column exists). Missing tables and columns are listed in the details.
 */
public class AthanorHealthIndicator extends AbstractHealthIndicator {

    private final Engine engine;
    private final Registry registry;

    /**
     * Creates the indicator.
     *
     * @param engine the database
     * @param registry the mapped classes
     */
    public AthanorHealthIndicator(Engine engine, Registry registry) {
        super("Athanor health check failed");
        this.engine = engine;
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        List<String> missing = new ArrayList<>();
        try (Connection connection = engine.connect()) {
            DatabaseMetaData metaData = connection.jdbc().getMetaData();
            builder.withDetail("database", metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion());
            for (Table table : registry.metadata().tables()) {
                if (!connection.dialect().hasTable(connection.jdbc(), table.name())) {
                    missing.add("table " + table.name());
                    continue;
                }
                Set<String> columns = columns(connection, metaData, table.name());
                for (Column column : table.columns()) {
                    if (!columns.contains(column.name().toLowerCase(Locale.ROOT))) {
                        missing.add("column " + column.qualifiedName());
                    }
                }
            }
        }
        builder.withDetail("mappedTables", registry.metadata().tables().size());
        if (missing.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("missing", missing);
        }
    }

    private static Set<String> columns(Connection connection, DatabaseMetaData metaData, String table)
            throws SQLException {
        Set<String> names = new HashSet<>();
        String schema = connection.dialect().name().equals("mariadb") || connection.dialect().name().equals("mysql")
                ? null : connection.jdbc().getSchema();
        for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rows = metaData.getColumns(connection.jdbc().getCatalog(), schema, candidate, null)) {
                while (rows.next()) {
                    names.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!names.isEmpty()) {
                break;
            }
        }
        return names;
    }
}
