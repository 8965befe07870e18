package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.engine.Engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog of {@link Table}s (SQLAlchemy's {@code MetaData}): it knows every table's foreign keys,
 * so it can create and drop them all in an order the database accepts.
 *
 * <pre>{@code
 * MetaData metadata = new MetaData();
 * Table.builder(metadata, "customers").column("id", SqlType.BIG_INTEGER, c -> c.primaryKey()).build();
 * metadata.createAll(engine);   // CREATE TABLE for each missing table, parents first
 * }</pre>
 *
 * <p>Tables are added while the application starts and then only read; reading is thread-safe.
 */
public final class MetaData {

    private final Map<String, Table> tables = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Creates an empty catalog. */
    public MetaData() {
    }

    void add(Table table) {
        if (tables.putIfAbsent(table.name(), table) != null) {
            throw new ArgumentException("ATH-E044", "MetaData already has a table named '" + table.name()
                    + "'; each table is defined once.");
        }
    }

    /**
     * A table by name.
     *
     * @param name the table's name
     * @return the table
     * @throws ArgumentException listing the known tables when there is no such table
     */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new ArgumentException("ATH-E046", "MetaData has no table '" + name + "'; it has "
                    + tables.keySet() + ".");
        }
        return table;
    }

    /**
     * Whether a table of that name is defined.
     *
     * @param name the name
     * @return true when it is
     */
    public boolean hasTable(String name) {
        return tables.containsKey(name);
    }

    /** The tables in definition order. */
    public List<Table> tables() {
        synchronized (tables) {
            return List.copyOf(tables.values());
        }
    }

    /**
     * The tables in foreign-key dependency order: a referenced table comes before the tables that
     * refer to it (SQLAlchemy's {@code sorted_tables}). Tables that refer to each other in a cycle
     * keep their definition order; the foreign keys of the cycle are created after all tables.
     *
     * @return the sorted tables
     * @throws ArgumentException when a foreign key refers to an undefined table or column
     */
    public List<Table> sortedTables() {
        return new DependencyOrder(tables()).sortedTables();
    }

    /**
     * The DDL {@link #createAll} would run on an empty database, without running it.
     *
     * @param dialect the database to write it for
     * @return CREATE TABLE, CREATE INDEX and ALTER TABLE statements in order
     */
    public List<String> createStatements(Dialect dialect) {
        DependencyOrder order = new DependencyOrder(tables());
        DdlCompiler ddl = new DdlCompiler(dialect, order.deferredForeignKeys());
        List<String> statements = new ArrayList<>();
        for (Table table : order.sortedTables()) {
            statements.addAll(ddl.createTable(table));
        }
        for (ForeignKeyConstraint key : order.deferredForeignKeys()) {
            statements.add(ddl.addForeignKey(key));
        }
        return statements;
    }

    /**
     * Creates every table that does not exist yet, with its constraints and indexes, in foreign-key
     * order (SQLAlchemy's {@code create_all(engine, checkfirst=True)}). Running it twice is a no-op.
     *
     * @param engine the database
     */
    public void createAll(Engine engine) {
        engine.useTransaction(this::createAll);
    }

    /**
     * Creates the missing tables using an open connection; the caller commits.
     *
     * @param connection the connection
     */
    public void createAll(Connection connection) {
        new SchemaOperations(connection, tables()).createMissing();
    }

    /**
     * Drops every defined table that exists, dependents first (SQLAlchemy's {@code drop_all}).
     *
     * @param engine the database
     */
    public void dropAll(Engine engine) {
        engine.useTransaction(this::dropAll);
    }

    /**
     * Drops the existing tables using an open connection; the caller commits.
     *
     * @param connection the connection
     */
    public void dropAll(Connection connection) {
        new SchemaOperations(connection, tables()).dropExisting();
    }

    @Override
    public String toString() {
        return "MetaData" + tables.keySet();
    }
}
