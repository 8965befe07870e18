package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.OrmException;
import io.athanor.orm.sql.BoundStatement;
import io.athanor.orm.sql.CompilableStatement;
import io.athanor.orm.sql.CompiledSql;
import io.athanor.orm.sql.Statement;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One database connection checked out of an {@link Engine}'s pool (SQLAlchemy's {@code Connection}).
 *
 * <p>"Commit as you go": a transaction begins implicitly with the first statement; call
 * {@link #commit()} to keep the work, {@link #rollback()} to undo it. {@link #close()} without
 * commit rolls back and returns the connection to the pool.
 *
 * <pre>{@code
 * try (Connection conn = engine.connect()) {
 *     conn.execute(Sql.text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
 *     conn.commit();
 * }
 * }</pre>
 *
 * <p>When the link to the database breaks (a server restart, an administrator ending the session, a
 * network failure), the failing call raises {@link ConnectionLostException} and the connection is
 * <em>lost</em> for good: {@link #rollback()} and {@link #close()} still succeed, without a round trip
 * (the database rolled the transaction back itself), and anything else raises
 * {@link InvalidRequestException} {@code ATH-E102}. See {@link #isConnectionLost()}.
 *
 * <p>When an error ends the transaction on the database's side while the connection stays up (PostgreSQL
 * aborts a transaction at its first error; every database rolls back a deadlock victim), the connection
 * refuses further statements and {@link #commit()} with {@link InvalidRequestException} {@code ATH-E103}
 * until {@link #rollback()}: otherwise later statements would run in a new transaction, or a COMMIT would
 * silently roll back, and work the database discarded would look committed. See
 * {@link #isTransactionAborted()}.
 *
 * <p>Not thread-safe: use a connection from one thread at a time, for one unit of work.
 */
public final class Connection implements AutoCloseable {

    private final Engine engine;
    private final java.sql.Connection jdbc;
    private final Dialect dialect;
    private final StatementLog log;
    /** The auto-commit mode the connection came with, restored when it goes back to the pool. */
    private final boolean poolAutoCommit;
    /** The auto-commit mode this connection last set (or found); tracked to change it only when needed. */
    private boolean autoCommit;
    /** Whether plain reads run outside a transaction until the first write (EngineBuilder.deferBegin). */
    private final boolean deferBegin;
    /** A connection whose transaction another component (such as Spring) begins, commits and closes. */
    private final boolean external;
    private final List<Result> openResults = new ArrayList<>();
    private final List<NestedTransaction> savepoints = new ArrayList<>();
    /** Told when the connection goes back to the pool, when the engine watches for leaks; else null. */
    private final LeakDetector.Watch leakWatch;
    private boolean transactionBegun;
    private boolean closed;
    /** What the errors seen so far left: a lost link, an aborted transaction. */
    private final ConnectionFailures failures;
    private int savepointCounter;

    Connection(Engine engine, java.sql.Connection jdbc, Dialect dialect, StatementLog log, LeakDetector.Watch leakWatch)
            throws SQLException {
        this(engine, jdbc, dialect, log, false, leakWatch);
    }

    Connection(Engine engine, java.sql.Connection jdbc, Dialect dialect, StatementLog log, boolean external)
            throws SQLException {
        this(engine, jdbc, dialect, log, external, null);
    }

    private Connection(Engine engine, java.sql.Connection jdbc, Dialect dialect, StatementLog log, boolean external,
                       LeakDetector.Watch leakWatch) throws SQLException {
        this.engine = engine;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.failures = new ConnectionFailures(dialect);
        this.log = log;
        this.external = external;
        this.leakWatch = leakWatch;
        this.poolAutoCommit = !external && jdbc.getAutoCommit();
        this.autoCommit = poolAutoCommit;
        // Reading in auto-commit mode must cost nothing to switch into: the connection is in it already, or the
        // driver switches without a round trip or a commit.
        this.deferBegin = !external && engine.readsOutsideTransaction(jdbc, dialect)
                && (poolAutoCommit || dialect.supports(Capability.LOCAL_AUTOCOMMIT_SWITCH));
        if (external) {
            transactionBegun = true;
        } else if (!deferBegin && autoCommit) {
            jdbc.setAutoCommit(false);
            autoCommit = false;
        }
    }

    /** Whether the transaction belongs to another component, which commits, rolls back and closes it. */
    public boolean isExternal() {
        return external;
    }

    private void requireOwnTransaction(String operation) {
        if (external) {
            throw new InvalidRequestException("ATH-E074", "This connection takes part in a transaction managed"
                    + " elsewhere (for example by Spring's @Transactional); it cannot " + operation + " it. The"
                    + " transaction ends when its manager commits or rolls it back.");
        }
    }

    /**
     * Executes a statement with the values bound to it (SQLAlchemy's {@code conn.execute(stmt)}).
     *
     * @param statement e.g. {@code Sql.text("select * from t where id = :id").bind("id", 1)}
     * @return the rows of a query, or the row count of an INSERT, UPDATE or DELETE
     * @throws io.athanor.orm.IntegrityException when a constraint refuses the change
     * @throws io.athanor.orm.DatabaseException when the database refuses the statement
     */
    public Result execute(Statement statement) {
        if (statement instanceof CompilableStatement) {
            requireUsable("execute a statement");
            BoundStatement bound = ((CompilableStatement) statement).bind(dialect, null, engine.compiledCache());
            int rowsPerFetch = statement instanceof io.athanor.orm.sql.Select
                    ? ((io.athanor.orm.sql.Select<?>) statement).yieldPerRows() : 0;
            return execute(bound.compiled().sql(), bound.values(), rowsPerFetch);
        }
        return execute(statement, statement.parameters());
    }

    /**
     * Executes a statement with {@code parameters} in addition to (and overriding) the values bound to it.
     *
     * @param statement the statement
     * @param parameters values by parameter name
     * @return the result
     */
    public Result execute(Statement statement, Map<String, ?> parameters) {
        requireUsable("execute a statement");
        CompiledSql compiled = statement.compile(dialect);
        return execute(compiled, compiled.arrange(merged(statement, parameters)));
    }

    /**
     * Executes SQL that is already compiled, with values already in marker order. This is the path the
     * ORM layer uses for the statements it writes itself; application code uses {@link #execute(Statement)}.
     *
     * @param compiled the SQL and its parameter names (the names are used for logging)
     * @param values one value per {@code ?} marker
     * @return the result
     */
    public Result execute(CompiledSql compiled, Object[] values) {
        return execute(compiled, values, 0);
    }

    /**
     * {@link #execute(CompiledSql, Object[])} reading the rows {@code fetchSize} at a time (SQLAlchemy's
     * {@code yield_per}), so that a large result streams instead of arriving whole. A streamed query runs
     * inside the transaction, which PostgreSQL needs for its cursor.
     *
     * @param compiled the SQL and its parameter names (the names are used for logging)
     * @param values one value per {@code ?} marker
     * @param fetchSize rows per round trip; 0 for the engine's setting
     * @return the result
     */
    public Result execute(CompiledSql compiled, Object[] values, int fetchSize) {
        requireUsable("execute a statement");
        int rowsPerFetch = fetchSize > 0 ? fetchSize : engine.fetchSize();
        if (rowsPerFetch == 0 && compiled.readsOnly()) {
            readOutsideTransactionIfAllowed();
        } else {
            beginIfNeeded();
        }
        log.statement(compiled.sql(), compiled.parameterNames(), values);
        long started = System.nanoTime();
        PreparedStatement prepared = null;
        try {
            prepared = jdbc.prepareStatement(compiled.sql());
            applyTimeout(prepared);
            if (rowsPerFetch > 0) {
                prepared.setFetchSize(rowsPerFetch);
            }
            for (int i = 0; i < values.length; i++) {
                dialect.bind(prepared, i + 1, values[i]);
            }
            if (prepared.execute()) {
                ResultSet rows = prepared.getResultSet();
                Result result = compiled.readsOnly()
                        ? new Result(this, prepared, rows, dialect, engine.rowShape(compiled, rows, dialect))
                        : new Result(this, prepared, rows, dialect);
                openResults.add(result);
                engine.executed(compiled.sql(), 1, started);
                return result;
            }
            long count = prepared.getUpdateCount();
            prepared.close();
            if (!compiled.readsOnly() && StatementText.isDdl(compiled.sql())) {
                engine.schemaChanged();
            }
            engine.executed(compiled.sql(), 1, started);
            return new Result(count);
        } catch (SQLException failure) {
            closeQuietly(prepared);
            throw failed(failure, compiled.sql(), log.forError(values));
        }
    }

    /**
     * Executes one compiled DML statement for many value sets as one JDBC batch, optionally reading back
     * generated columns (identity keys, server defaults) through the driver's generated-keys support.
     * Used by the ORM's unit of work.
     *
     * @param compiled the SQL and its parameter names
     * @param valueSets one array of values per execution, in marker order
     * @param generatedColumns the columns to read back, or {@code null} for none; an empty array asks for
     *                         the driver's default generated keys (the auto-increment key)
     * @return the per-execution row counts and the generated rows, one per execution when requested
     */
    public BatchResult executeBatch(CompiledSql compiled, List<Object[]> valueSets, String[] generatedColumns) {
        requireUsable("execute a statement");
        beginIfNeeded();
        if (valueSets.size() == 1) {
            log.statement(compiled.sql(), compiled.parameterNames(), valueSets.get(0));
        } else {
            log.batch(compiled.sql(), compiled.parameterNames(), valueSets);
        }
        long started = System.nanoTime();
        Object[] current = null;
        try (PreparedStatement prepared = generatedColumns == null ? jdbc.prepareStatement(compiled.sql())
                : generatedColumns.length == 0
                ? jdbc.prepareStatement(compiled.sql(), java.sql.Statement.RETURN_GENERATED_KEYS)
                : jdbc.prepareStatement(compiled.sql(), generatedColumns)) {
            applyTimeout(prepared);
            int[] counts;
            if (valueSets.size() == 1) {
                current = valueSets.get(0);
                bindAll(prepared, current);
                counts = new int[] {prepared.executeUpdate()};
            } else {
                for (Object[] values : valueSets) {
                    current = values;
                    bindAll(prepared, values);
                    prepared.addBatch();
                }
                current = null;
                counts = prepared.executeBatch();
            }
            List<Object[]> generated = List.of();
            if (generatedColumns != null) {
                generated = new ArrayList<>(valueSets.size());
                try (ResultSet keys = prepared.getGeneratedKeys()) {
                    RowShape shape = new RowShape(keys.getMetaData());
                    while (keys.next()) {
                        Object[] row = new Object[shape.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = dialect.read(keys, i + 1, shape.jdbcType(i), shape.typeName(i));
                        }
                        generated.add(row);
                    }
                }
            }
            engine.executed(compiled.sql(), valueSets.size(), started);
            return new BatchResult(counts, generated);
        } catch (SQLException failure) {
            throw failed(failure, compiled.sql(), log.forError(current));
        }
    }

    private void bindAll(PreparedStatement prepared, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            dialect.bind(prepared, i + 1, values[i]);
        }
    }

    /**
     * Executes one statement once per parameter set, sent to the database as one JDBC batch
     * (SQLAlchemy's "executemany").
     *
     * <pre>{@code
     * conn.executeMany(Sql.text("insert into t (id, name) values (:id, :name)"),
     *         List.of(Map.of("id", 1, "name", "a"), Map.of("id", 2, "name", "b")));
     * }</pre>
     *
     * @param statement a statement that returns no rows
     * @param parameterSets one map of values per execution; values bound on the statement apply to all
     * @return a result whose {@link Result#rowCount()} is the total number of rows affected, or -1
     *         when the driver does not report it
     */
    public Result executeMany(Statement statement, List<? extends Map<String, ?>> parameterSets) {
        requireUsable("execute a statement");
        if (parameterSets.isEmpty()) {
            throw new ArgumentException("ATH-E024", "executeMany(..) needs at least one parameter set.");
        }
        CompiledSql compiled = statement.compile(dialect);
        List<Object[]> sets = new ArrayList<>(parameterSets.size());
        for (Map<String, ?> parameters : parameterSets) {
            sets.add(compiled.arrange(merged(statement, parameters)));
        }
        beginIfNeeded();
        log.batch(compiled.sql(), compiled.parameterNames(), sets);
        long started = System.nanoTime();
        Object[] current = null;
        try (PreparedStatement prepared = jdbc.prepareStatement(compiled.sql())) {
            applyTimeout(prepared);
            for (Object[] values : sets) {
                current = values;
                for (int i = 0; i < values.length; i++) {
                    dialect.bind(prepared, i + 1, values[i]);
                }
                prepared.addBatch();
            }
            current = null;
            Result result = new Result(totalCount(prepared.executeBatch()));
            engine.executed(compiled.sql(), sets.size(), started);
            return result;
        } catch (SQLException failure) {
            throw failed(failure, compiled.sql(), log.forError(current));
        }
    }

    private static long totalCount(int[] counts) {
        long total = 0;
        for (int count : counts) {
            if (count < 0) {
                return -1;
            }
            total += count;
        }
        return total;
    }

    private static Map<String, ?> merged(Statement statement, Map<String, ?> parameters) {
        Map<String, Object> bound = statement.parameters();
        if (parameters == bound || parameters.isEmpty()) {
            return bound;
        }
        if (bound.isEmpty()) {
            return parameters;
        }
        Map<String, Object> all = new java.util.HashMap<>(bound);
        all.putAll(parameters);
        return all;
    }

    /**
     * Commits the current transaction; the next statement begins a new one.
     *
     * @throws ConnectionLostException ({@code ATH-E097}) when the connection broke during the COMMIT: whether
     *         the transaction was committed is then unknown
     * @throws InvalidRequestException ({@code ATH-E102}) when the connection was lost earlier: its
     *         transaction cannot commit
     */
    public void commit() {
        requireOpen();
        requireOwnTransaction("commit");
        requireUsable("commit");
        closeResults();
        endSavepoints();
        if (!transactionBegun) {
            // Nothing but plain reads ran since the last commit or rollback (or nothing at all): there is no
            // transaction to end, and a COMMIT would only cost a round trip.
            return;
        }
        try {
            jdbc.commit();
            log.event("COMMIT");
            transactionBegun = false;
        } catch (SQLException failure) {
            OrmException error = failed(failure, null, List.of());
            throw error instanceof ConnectionLostException
                    ? ErrorTranslator.lostDuringCommit((ConnectionLostException) error, dialect.name())
                    : error;
        }
    }

    /**
     * Rolls back the current transaction; the next statement begins a new one. On a connection that was
     * lost this only ends the transaction on this side: the database rolled it back when the connection
     * ended, and there is nothing to send it to.
     */
    public void rollback() {
        requireOpen();
        requireOwnTransaction("roll back");
        closeResults();
        endSavepoints();
        try {
            // Nothing ran since the last commit or rollback: a ROLLBACK would be a wasted round trip (and
            // on H2 it throws away the results it keeps for repeated queries).
            if (transactionBegun && !failures.isLost()) {
                jdbc.rollback();
                log.event("ROLLBACK");
            } else if (transactionBegun) {
                log.event("ROLLBACK (not sent: the connection was lost, and the database rolled back)");
            }
            transactionBegun = false;
            failures.transactionRecovered();
        } catch (SQLException failure) {
            OrmException error = failed(failure, null, List.of());
            if (!(error instanceof ConnectionLostException)) {
                throw error;
            }
            // The ROLLBACK found the connection gone: the database ends the transaction of a lost connection
            // itself, so the rollback asked for has happened. Failing here would leave a Session unable to
            // recover from the loss.
            log.event("ROLLBACK (the connection was lost, and the database rolled back)");
            transactionBegun = false;
            failures.transactionRecovered();
        }
    }

    /**
     * Starts a nested transaction: a SAVEPOINT inside the current transaction (SQLAlchemy's
     * {@code begin_nested()}). Rolling it back undoes only the work done since.
     *
     * @return the savepoint; commit or roll it back, or close it (which rolls back if still active)
     */
    public NestedTransaction beginNested() {
        requireUsable("begin a savepoint");
        beginIfNeeded();
        String name = "athanor_sp_" + (++savepointCounter);
        try {
            java.sql.Savepoint savepoint = jdbc.setSavepoint(name);
            log.event("SAVEPOINT " + name);
            NestedTransaction nested = new NestedTransaction(this, savepoint, name);
            savepoints.add(nested);
            return nested;
        } catch (SQLException failure) {
            throw failed(failure, "SAVEPOINT " + name, List.of());
        }
    }

    void releaseSavepoint(java.sql.Savepoint savepoint, String name) {
        requireUsable("release a savepoint");
        forgetSavepointsFrom(name);
        try {
            jdbc.releaseSavepoint(savepoint);
            log.event("RELEASE SAVEPOINT " + name);
        } catch (SQLException failure) {
            throw failed(failure, "RELEASE SAVEPOINT " + name, List.of());
        }
    }

    void rollbackToSavepoint(java.sql.Savepoint savepoint, String name) {
        // PostgreSQL's aborted transaction recovers by rolling back to a savepoint taken before the error.
        boolean recovers = failures.savepointRecovers();
        requireUsable("roll back to a savepoint", recovers);
        forgetSavepointsFrom(name);
        try {
            jdbc.rollback(savepoint);
            log.event("ROLLBACK TO SAVEPOINT " + name);
            if (recovers) {
                failures.transactionRecovered();
            }
        } catch (SQLException failure) {
            throw failed(failure, "ROLLBACK TO SAVEPOINT " + name, List.of());
        }
    }

    /** Ends the named savepoint and those begun after it, as the database does on release or rollback. */
    private void forgetSavepointsFrom(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            NestedTransaction nested = savepoints.remove(i);
            if (nested.name().equals(name)) {
                return;
            }
            nested.end();
        }
    }

    /** The outer transaction ended, and every savepoint in it with it. */
    private void endSavepoints() {
        for (NestedTransaction nested : savepoints) {
            nested.end();
        }
        savepoints.clear();
    }

    /** Whether a transaction has begun (a statement ran since the last commit or rollback). */
    public boolean inTransaction() {
        return transactionBegun;
    }

    /** Whether this connection was closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether the link to the database was lost (SQLAlchemy's {@code invalidated}): an operation failed
     * with {@link ConnectionLostException}. Such a connection only allows {@link #rollback()} and
     * {@link #close()}; the pool does not hand it out again.
     *
     * @return true once the connection was lost
     */
    public boolean isConnectionLost() {
        return failures.isLost();
    }

    /** The engine this connection came from. */
    public Engine engine() {
        return engine;
    }

    /** The dialect of the database. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The underlying JDBC connection, for interoperation with code that needs one. Do not close it
     * or change its auto-commit mode; close this connection instead.
     *
     * @return the JDBC connection
     */
    public java.sql.Connection jdbc() {
        requireOpen();
        // Whatever the caller runs on it is part of a transaction that close() must roll back.
        beginIfNeeded();
        return jdbc;
    }

    /**
     * Rolls back whatever was not committed and returns the connection to the pool. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeResults();
        endSavepoints();
        if (external) {
            return;
        }
        try {
            // Nothing ran since the last commit or rollback: a ROLLBACK would be a wasted round trip (and
            // on H2 it throws away the results it keeps for repeated queries).
            if (transactionBegun && !failures.isLost()) {
                jdbc.rollback();
                log.event("ROLLBACK");
            }
            if (autoCommit != poolAutoCommit && !failures.isLost()) {
                jdbc.setAutoCommit(poolAutoCommit);
            }
        } catch (SQLException ignored) {
            // A broken connection cannot be rolled back; the pool discards it on close, and the database
            // rolls back the transaction of a dead session itself.
        } finally {
            if (leakWatch != null) {
                leakWatch.returned();
            }
            try {
                jdbc.close();
            } catch (SQLException failure) {
                // Returning a lost connection can fail too; the pool discards it either way.
                if (!failures.isLost()) {
                    throw failed(failure, null, List.of());
                }
            }
        }
    }

    void resultClosed(Result result) {
        openResults.remove(result);
    }

    private void closeResults() {
        for (Result result : new ArrayList<>(openResults)) {
            result.endWithTransaction();
        }
        openResults.clear();
    }

    private void beginIfNeeded() {
        if (!transactionBegun) {
            if (autoCommit) {
                setAutoCommit(false);
            }
            transactionBegun = true;
            log.event("BEGIN (implicit)");
        }
    }

    /**
     * Before a plain read: outside a transaction, on a connection that defers its BEGIN, the read runs in
     * auto-commit mode (under READ COMMITTED it sees what it would see inside a transaction); otherwise it
     * joins or begins the transaction as every statement does.
     */
    private void readOutsideTransactionIfAllowed() {
        if (transactionBegun || !deferBegin) {
            beginIfNeeded();
        } else if (!autoCommit) {
            setAutoCommit(true);
        }
    }

    private void setAutoCommit(boolean on) {
        try {
            jdbc.setAutoCommit(on);
            autoCommit = on;
        } catch (SQLException failure) {
            throw failed(failure, null, List.of());
        }
    }

    void requireOpen() {
        if (closed) {
            throw new InvalidRequestException("ATH-E012", "This Connection is closed; get a new one with"
                    + " engine.connect().");
        }
    }

    /**
     * Whether the database aborted or rolled back the current transaction after an error, while the
     * connection itself still works: statements and {@link #commit()} are refused ({@code ATH-E103}) until
     * {@link #rollback()}.
     *
     * @return true from the error until the next rollback
     */
    public boolean isTransactionAborted() {
        return failures.isTransactionAborted();
    }

    /**
     * For integrations that commit the transaction themselves (Spring's transaction manager commits the JDBC
     * connection directly): refuses, as {@link #commit()} would, a commit of a transaction the database
     * aborted or rolled back, which on PostgreSQL would silently roll back instead.
     *
     * @throws InvalidRequestException ({@code ATH-E103}) when {@link #isTransactionAborted()};
     *         ({@code ATH-E102}) when the connection was lost
     */
    public void requireCommittable() {
        requireUsable("commit");
    }

    /**
     * For integrations that roll back to a savepoint themselves (Spring's {@code NESTED} propagation):
     * a transaction that PostgreSQL aborted is usable again after a rollback to a savepoint taken before the
     * error. A transaction the database rolled back whole stays refused.
     */
    public void rolledBackToSavepointElsewhere() {
        if (failures.savepointRecovers()) {
            failures.transactionRecovered();
        }
    }

    /** Whether the database rolled back the whole transaction, savepoints included. */
    boolean isTransactionRolledBack() {
        return failures.isTransactionRolledBack();
    }

    /** Open, and its link to the database not lost: what every operation that talks to the database needs. */
    private void requireUsable(String operation) {
        requireUsable(operation, false);
    }

    private void requireUsable(String operation, boolean evenIfAborted) {
        requireOpen();
        failures.requireUsable(operation, evenIfAborted);
    }

    OrmException translate(SQLException failure) {
        return failed(failure, null, List.of());
    }

    /**
     * Translates a driver error, and notes when it shows the connection lost: from then on the connection
     * refuses work, and the engine has its pool discard its other idle connections too.
     */
    private OrmException failed(SQLException failure, String sql, List<String> parameters) {
        OrmException error = dialect.translate(failure, sql, parameters);
        if (failures.record(error, failure, transactionBegun) && !external) {
            engine.connectionLost(failures.lost());
        }
        return error;
    }

    /** The engine's statementTimeout, as JDBC's query timeout, which counts in whole seconds. */
    private void applyTimeout(PreparedStatement prepared) throws SQLException {
        if (engine.statementTimeoutSeconds() > 0) {
            prepared.setQueryTimeout(engine.statementTimeoutSeconds());
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Already failing; the original error is reported.
            }
        }
    }
}
