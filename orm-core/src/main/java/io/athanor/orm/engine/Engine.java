package io.athanor.orm.engine;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.OrmException;
import io.athanor.orm.PoolTimeoutException;

import io.athanor.orm.sql.CompiledCache;
import io.athanor.orm.sql.CompiledSql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The starting point of Athanor: a factory of {@link Connection}s to one database, backed by a
 * HikariCP pool (SQLAlchemy's {@code Engine}, made by {@code create_engine}).
 *
 * <pre>{@code
 * try (Engine engine = Engine.create("jdbc:h2:mem:shop")) {      // no connection opened yet
 *     try (Connection conn = engine.connect()) {                   // first connection here
 *         conn.execute(Sql.text("create table salesperson (id int primary key, name varchar(50))"));
 *         conn.commit();
 *     }
 * }
 * }</pre>
 *
 * <p>An engine is <b>lazy</b>: creating one opens no connection and does not fail for an unreachable
 * database; the first {@link #connect()} does. Create one per database and application, share it
 * between threads, and {@link #dispose()} it at shutdown. Thread-safe.
 *
 * <p>When a connection turns out to be lost (the database restarted, an administrator ended the
 * session), the failing call raises {@link ConnectionLostException}; the engine's own pool then discards
 * the lost connection and, as SQLAlchemy does, its other idle connections too, which are likely dead
 * for the same reason, so that the next {@link #connect()} gets a fresh one.
 */
public final class Engine implements AutoCloseable {

    private final String url;
    private final String username;
    private final DataSource dataSource;
    private final boolean ownsPool;
    private final StatementLog log;
    private final int fetchSize;
    private final boolean deferBegin;
    /** Whether connections run plain reads outside a transaction; decided at the first connection. */
    private volatile Boolean readsOutsideTransaction;
    /** The shapes of the rows of plain reads, by compiled statement; see {@link #rowShape}. */
    private final java.util.concurrent.ConcurrentHashMap<CompiledSql, RowShape> rowShapes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean prePing;
    private final CompiledCache compiledCache;
    private final java.util.List<StatementListener> listeners;
    private final int statementTimeoutSeconds;
    /** Watches checked-out connections when {@code leakDetectionThreshold} is set; else null. */
    private final LeakDetector leakDetector;
    private volatile Dialect dialect;
    private volatile boolean disposed;

    Engine(String url, String username, DataSource dataSource, boolean ownsPool, Dialect dialect, boolean echo,
           int fetchSize, boolean deferBegin, boolean prePing, int compiledCacheSize, java.util.List<StatementListener> listeners,
           int statementTimeoutSeconds, long leakDetectionThresholdMillis) {
        this.url = url;
        this.username = username;
        this.dataSource = dataSource;
        this.ownsPool = ownsPool;
        this.dialect = dialect;
        this.log = new StatementLog(echo);
        this.fetchSize = fetchSize;
        this.deferBegin = deferBegin;
        this.prePing = prePing;
        this.compiledCache = new CompiledCache(compiledCacheSize);
        this.listeners = java.util.List.copyOf(listeners);
        this.statementTimeoutSeconds = statementTimeoutSeconds;
        this.leakDetector = leakDetectionThresholdMillis > 0 ? new LeakDetector(leakDetectionThresholdMillis) : null;
    }

    void executed(String sql, int executions, long started) {
        if (!listeners.isEmpty()) {
            long nanos = System.nanoTime() - started;
            for (StatementListener listener : listeners) {
                listener.executed(sql, executions, nanos);
            }
        }
    }

    /**
     * An engine for a JDBC URL with default settings: a pool of 5 connections with 10 more on demand,
     * no echo. Opens no connection.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/shop}
     * @return the engine
     */
    public static Engine create(String jdbcUrl) {
        return builder().url(jdbcUrl).build();
    }

    /**
     * A builder for an engine with settings (SQLAlchemy's {@code create_engine} keyword arguments).
     *
     * <pre>{@code
     * Engine engine = Engine.builder().url("jdbc:postgresql://localhost/shop").username("app")
     *         .password(secret).echo(true).poolSize(10).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static EngineBuilder builder() {
        return new EngineBuilder();
    }

    /**
     * An engine over a pool the application already has (such as Spring Boot's HikariCP
     * {@code DataSource}). The engine does not own the pool: {@link #dispose()} leaves it open.
     * The dialect is chosen from the database's metadata at the first connection.
     *
     * @param dataSource the application's data source
     * @return the engine
     */
    public static Engine of(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /**
     * Checks out a connection from the pool (SQLAlchemy's {@code engine.connect()}). A transaction
     * begins implicitly with the first statement; {@link Connection#close()} without
     * {@link Connection#commit()} rolls it back.
     *
     * @return an open connection; close it, preferably with try-with-resources
     * @throws PoolTimeoutException (code {@code ATH-E098}) when every connection of the pool stayed in use
     *         for longer than {@code poolTimeout}
     * @throws DatabaseException (code {@code ATH-E011}) when no connection can be had
     * @throws InvalidRequestException when the engine was disposed
     */
    public Connection connect() {
        return connect(null, null);
    }

    /**
     * Whether {@link EngineBuilder#leakDetectionThreshold} is on. Something that is opened before it
     * connects, such as a Session, records where it was opened only then, for
     * {@link #connect(String, Throwable)}.
     *
     * @return true when connections held too long are reported
     */
    public boolean detectsLeaks() {
        return leakDetector != null;
    }

    /**
     * Checks out a connection, as {@link #connect()}, on behalf of something opened earlier than its first
     * statement, such as a Session: if the connection is then held longer than
     * {@link EngineBuilder#leakDetectionThreshold}, the warning ({@code ATH-E099}) names where that holder
     * was opened as well as where the connection was checked out.
     *
     * @param holder what holds the connection, for the message (e.g. {@code "a session"}), or {@code null}
     * @param openedAt created where the holder was opened, for its stack trace, or {@code null}
     * @return an open connection; close it, preferably with try-with-resources
     * @throws PoolTimeoutException (code {@code ATH-E098}) when every connection of the pool stayed in use
     *         for longer than {@code poolTimeout}
     * @throws DatabaseException (code {@code ATH-E011}) when no connection can be had
     * @throws InvalidRequestException when the engine was disposed
     */
    public Connection connect(String holder, Throwable openedAt) {
        if (disposed) {
            throw new InvalidRequestException("ATH-E010", this + " was disposed; create a new Engine to connect again.");
        }
        java.sql.Connection jdbc = checkout();
        LeakDetector.Watch watch = null;
        try {
            Dialect resolved = dialect;
            if (resolved == null) {
                resolved = Dialects.forProductName(jdbc.getMetaData().getDatabaseProductName());
                dialect = resolved;
            }
            watch = leakDetector == null ? null : leakDetector.watch(poolName(), holder, openedAt);
            return new Connection(this, jdbc, resolved, log, watch);
        } catch (SQLException | RuntimeException failure) {
            if (watch != null) {
                watch.returned();
            }
            closeQuietly(jdbc);
            if (failure instanceof OrmException) {
                throw (OrmException) failure;
            }
            throw connectFailure(failure);
        }
    }

    private java.sql.Connection checkout() {
        try {
            java.sql.Connection jdbc = dataSource.getConnection();
            if (prePing && !ownsPool && !jdbc.isValid(5)) {
                // The pool handed out a dead connection; close it so the pool can drop it, and try once more.
                closeQuietly(jdbc);
                jdbc = dataSource.getConnection();
            }
            return jdbc;
        } catch (SQLTransientConnectionException failure) {
            // HikariCP gives the last error of opening a connection as the cause when it could not open one;
            // without a cause, the wait timed out with the connections there were all in use.
            if (failure.getCause() == null && dataSource instanceof HikariDataSource) {
                throw poolTimeout((HikariDataSource) dataSource, failure);
            }
            throw connectFailure(failure);
        } catch (SQLException | RuntimeException failure) {
            throw connectFailure(failure);
        }
    }

    private PoolTimeoutException poolTimeout(HikariDataSource pool, SQLTransientConnectionException failure) {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        int most = pool.getMaximumPoolSize();
        int active = state == null ? most : state.getActiveConnections();
        String size = ownsPool ? "poolSize " + pool.getMinimumIdle() + " + maxOverflow " + (most - pool.getMinimumIdle())
                : "maximumPoolSize " + most;
        String timeout = pool.getConnectionTimeout() + " ms (" + (ownsPool ? "poolTimeout" : "connectionTimeout") + ")";
        String message;
        if (active >= most) {
            message = "No connection available from pool '" + pool.getPoolName() + "' within " + timeout + ": all "
                    + most + " of its connections (" + size + ") are in use. An open Session holds its connection"
                    + " from its first statement until commit(), rollback() or close(), and a Connection until"
                    + " close(): are sessions and connections being closed, preferably with try-with-resources? Is a"
                    + " transaction waiting on something slow while it holds one? EngineBuilder.leakDetectionThreshold(..)"
                    + " logs where connections are held too long. If the load is genuine, raise "
                    + (ownsPool ? "poolSize or maxOverflow" : "maximumPoolSize")
                    + " (within the database's connection limit) or the timeout.";
        } else {
            message = "No connection available from pool '" + pool.getPoolName() + "' within " + timeout + ": "
                    + active + " of its at most " + most + " connections (" + size + ") are in use, and no new one"
                    + " could be opened in time. The database may be down, unreachable or slow to accept connections:"
                    + " check that it is running and its load, or raise the timeout.";
        }
        return new PoolTimeoutException("ATH-E098", message, failure);
    }

    /**
     * A connection of this engine was found lost. A lost connection usually means the database restarted or
     * the network path broke, so the pool's other connections are likely dead too: the engine's own pool
     * discards its idle ones now and the others when they are returned (SQLAlchemy invalidates its pool the
     * same way), so that the next checkouts get fresh connections instead of failing one by one. HikariCP
     * would otherwise hand out a dead connection used in the last half second without testing it.
     */
    void connectionLost(ConnectionLostException lost) {
        if (ownsPool) {
            HikariPoolMXBean pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        }
        StatementLog.LOGGER.warn("A connection of pool '{}' was lost (SQLState {}){}.", poolName(), lost.sqlState(),
                ownsPool ? "; the pool's other connections are replaced too, in case the database restarted" : "");
    }

    /** The pool's name for messages: HikariCP's pool name, or the class of the application's data source. */
    String poolName() {
        return dataSource instanceof HikariDataSource ? ((HikariDataSource) dataSource).getPoolName()
                : dataSource.getClass().getSimpleName();
    }

    int statementTimeoutSeconds() {
        return statementTimeoutSeconds;
    }

    private static String withoutFinalPeriod(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private DatabaseException connectFailure(Exception failure) {
        Throwable cause = failure;
        while (!(cause instanceof SQLException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        SQLException sqlCause = cause instanceof SQLException ? (SQLException) cause
                : new SQLException(failure.getMessage(), failure);
        // A pool reports its own "request timed out" with the driver's error as the cause: the driver's text
        // is the one that says why (refused, unknown host, bad password), so the message leads with it.
        SQLException reason = sqlCause;
        for (Throwable next = sqlCause.getCause(); next != null; next = next.getCause()) {
            if (next instanceof SQLException) {
                reason = (SQLException) next;
            }
        }
        String waited = reason == sqlCause || !(dataSource instanceof HikariDataSource) ? ""
                : " (the pool kept trying for " + ((HikariDataSource) dataSource).getConnectionTimeout() + " ms, its "
                + (ownsPool ? "poolTimeout" : "connectionTimeout") + ")";
        return new DatabaseException("ATH-E011", "Could not get a connection from " + this
                + (username == null ? "" : " as user '" + username + "'") + ": " + withoutFinalPeriod(reason.getMessage())
                + waited + ". Check that the database is running and reachable, and the URL and credentials.",
                null, null, sqlCause);
    }

    /**
     * Wraps a JDBC connection whose transaction another component manages (Spring's transaction-bound
     * connection, say). The returned connection runs statements in that transaction; its
     * {@code commit()} and {@code rollback()} refuse, and {@code close()} leaves the JDBC connection open.
     *
     * @param jdbc the JDBC connection, already in a transaction
     * @return the joined connection
     */
    public Connection join(java.sql.Connection jdbc) {
        if (disposed) {
            throw new InvalidRequestException("ATH-E010", this + " was disposed; create a new Engine to connect again.");
        }
        try {
            Dialect resolved = dialect;
            if (resolved == null) {
                resolved = Dialects.forProductName(jdbc.getMetaData().getDatabaseProductName());
                dialect = resolved;
            }
            return new Connection(this, jdbc, resolved, log, true);
        } catch (SQLException failure) {
            throw connectFailure(failure);
        }
    }

    /**
     * Runs {@code work} in a transaction on a new connection and commits, or rolls back when it throws
     * (SQLAlchemy's {@code with engine.begin() as conn:}).
     *
     * @param work the work; its return value is returned
     * @param <T> the result type
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Function<Connection, T> work) {
        try (Connection connection = connect()) {
            T result = work.apply(connection);
            connection.commit();
            return result;
        }
    }

    /**
     * Runs {@code work} in a transaction on a new connection and commits, or rolls back when it throws.
     *
     * @param work the work
     */
    public void useTransaction(Consumer<Connection> work) {
        inTransaction(connection -> {
            work.accept(connection);
            return null;
        });
    }

    /**
     * The dialect of this engine's database. When it could not be told from the URL (an engine over a
     * {@code DataSource}), asking opens a connection once to read the database's metadata.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        Dialect resolved = dialect;
        if (resolved == null) {
            connect().close();
            resolved = dialect;
        }
        return resolved;
    }

    /** Whether every statement and its parameters are logged at INFO ({@code echo=True}). */
    public boolean echo() {
        return log.echo();
    }

    /** The JDBC URL, or {@code null} for an engine over an application's {@code DataSource}. */
    public String url() {
        return url;
    }

    /** The data source connections come from: the engine's own HikariCP pool or the application's. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The cache of compiled statements of the expression language, shared by the connections and
     * sessions of this engine; its {@link CompiledCache#hits()} and {@link CompiledCache#misses()} show
     * how often compilation was saved.
     *
     * @return the cache
     */
    public CompiledCache compiledCache() {
        return compiledCache;
    }

    int fetchSize() {
        return fetchSize;
    }

    /** How many row shapes are kept before the table starts over; compiled statements are far fewer. */
    private static final int ROW_SHAPES_KEPT = 2_000;

    /**
     * The shape of the rows of a plain read (see {@link CompiledSql#readsOnly()}): column labels, types and
     * how to read each, built from the result's metadata the first time the compiled statement runs on this
     * engine and reused after, since a statement with an explicit column list returns the same columns each
     * time. Reading the metadata for every query was a tenth of a get by key. A table altered by DDL that
     * this engine runs starts the table over ({@link #schemaChanged()}). DDL run elsewhere (another process,
     * a migration tool) that changes a column's type while the application runs is not seen until the
     * engine is created again, as with PostgreSQL's driver, whose cached prepared statements refuse a
     * changed result type.
     */
    RowShape rowShape(CompiledSql compiled, java.sql.ResultSet rows, Dialect dialect) throws SQLException {
        RowShape shape = rowShapes.get(compiled);
        if (shape == null) {
            shape = new RowShape(rows.getMetaData(), dialect);
            if (rowShapes.size() >= ROW_SHAPES_KEPT) {
                rowShapes.clear();
            }
            rowShapes.put(compiled, shape);
        }
        return shape;
    }

    /** DDL ran through this engine: the shapes of results may have changed. */
    void schemaChanged() {
        rowShapes.clear();
    }

    /**
     * Whether connections of this engine may run plain reads outside a transaction (see
     * {@link EngineBuilder#deferBegin(boolean)}): asked for, and an isolation level at which that is
     * invisible. Each connection then also needs a cheap way into auto-commit mode. The isolation level is read from the first connection and
     * kept: every connection of a pool has the pool's level, and reading it costs PostgreSQL a round trip.
     */
    boolean readsOutsideTransaction(java.sql.Connection jdbc, Dialect dialect) throws SQLException {
        Boolean known = readsOutsideTransaction;
        if (known == null) {
            known = deferBegin && jdbc.getTransactionIsolation() <= java.sql.Connection.TRANSACTION_READ_COMMITTED;
            readsOutsideTransaction = known;
        }
        return known;
    }

    /**
     * Closes the engine's own pool and every idle connection in it (SQLAlchemy's {@code dispose()}).
     * A pool passed to {@link #of(DataSource)} belongs to the application and stays open. Idempotent.
     */
    public void dispose() {
        disposed = true;
        if (ownsPool) {
            ((HikariDataSource) dataSource).close();
        }
    }

    /** Same as {@link #dispose()}, for try-with-resources. */
    @Override
    public void close() {
        dispose();
    }

    private static void closeQuietly(java.sql.Connection jdbc) {
        try {
            jdbc.close();
        } catch (SQLException ignored) {
            // The connection is being abandoned because of an earlier failure, which is reported instead.
        }
    }

    @Override
    public String toString() {
        return "Engine(" + Objects.requireNonNullElse(url, dataSource.getClass().getSimpleName()) + ")";
    }
}
