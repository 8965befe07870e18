package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Settings of an {@link Engine}, as SQLAlchemy's {@code create_engine} takes them. Obtained from
 * {@link Engine#builder()}. The pool is HikariCP; the SQLAlchemy-style settings map onto it:
 * {@code poolSize} is the number of connections kept open (Hikari's {@code minimumIdle}) and
 * {@code poolSize + maxOverflow} the most there can be (Hikari's {@code maximumPoolSize}).
 */
public final class EngineBuilder {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private String url;
    private String username;
    private String password;
    private boolean echo;
    private int poolSize = 5;
    private int maxOverflow = 10;
    private Duration poolTimeout = Duration.ofSeconds(30);
    private Boolean prePing;
    private IsolationLevel isolationLevel;
    private int fetchSize;
    private boolean deferBegin = true;
    private int compiledCacheSize = 500;
    private final java.util.List<StatementListener> statementListeners = new java.util.ArrayList<>();
    private Dialect dialect;
    private DataSource dataSource;
    private String poolName;
    private Duration statementTimeout;
    private Duration leakDetectionThreshold;
    private final Map<String, String> poolProperties = new LinkedHashMap<>();
    private final Map<String, String> driverProperties = new LinkedHashMap<>();
    private final Set<String> poolSettings = new LinkedHashSet<>();

    EngineBuilder() {
    }

    /**
     * The JDBC URL of the database, e.g. {@code jdbc:postgresql://localhost:5432/shop}.
     *
     * @param jdbcUrl the URL
     * @return this builder
     */
    public EngineBuilder url(String jdbcUrl) {
        this.url = jdbcUrl;
        return this;
    }

    /**
     * The user to connect as.
     *
     * @param username the user name
     * @return this builder
     */
    public EngineBuilder username(String username) {
        this.username = username;
        poolSettings.add("username");
        return this;
    }

    /**
     * The password to connect with.
     *
     * @param password the password
     * @return this builder
     */
    public EngineBuilder password(String password) {
        this.password = password;
        poolSettings.add("password");
        return this;
    }

    /**
     * Logs every statement with its parameters, and each BEGIN, COMMIT and ROLLBACK, at INFO through
     * the SLF4J logger {@code io.athanor.orm.engine}. Default false.
     *
     * @param echo whether to log statements
     * @return this builder
     */
    public EngineBuilder echo(boolean echo) {
        this.echo = echo;
        return this;
    }

    /**
     * The number of connections the pool keeps open. Default 5.
     *
     * @param poolSize at least 1
     * @return this builder
     */
    public EngineBuilder poolSize(int poolSize) {
        this.poolSize = poolSize;
        poolSettings.add("poolSize");
        return this;
    }

    /**
     * How many connections the pool may open beyond {@link #poolSize(int)} under load. Default 10.
     *
     * @param maxOverflow at least 0
     * @return this builder
     */
    public EngineBuilder maxOverflow(int maxOverflow) {
        this.maxOverflow = maxOverflow;
        poolSettings.add("maxOverflow");
        return this;
    }

    /**
     * How long {@link Engine#connect()} waits for a free connection before failing with
     * {@link io.athanor.orm.PoolTimeoutException} ({@code ATH-E098}). Default 30 s.
     *
     * @param poolTimeout at least 250 ms (HikariCP's minimum)
     * @return this builder
     */
    public EngineBuilder poolTimeout(Duration poolTimeout) {
        this.poolTimeout = poolTimeout;
        poolSettings.add("poolTimeout");
        return this;
    }

    /**
     * Tests a connection before handing it out and replaces it if it is dead. The engine's own
     * HikariCP pool always does this for connections idle for more than half a second (and once a
     * connection is found lost, it discards its other connections too); this setting adds the test for
     * a pool given to {@link #dataSource(DataSource)}. Default: true for the engine's own pool, false
     * for an application's.
     *
     * @param prePing whether to test connections on checkout
     * @return this builder
     */
    public EngineBuilder prePing(boolean prePing) {
        this.prePing = prePing;
        return this;
    }

    /**
     * The transaction isolation level of every connection. Default: the database's own.
     *
     * @param isolationLevel the level
     * @return this builder
     */
    public EngineBuilder isolationLevel(IsolationLevel isolationLevel) {
        this.isolationLevel = isolationLevel;
        poolSettings.add("isolationLevel");
        return this;
    }

    /**
     * Whether a connection runs plain reads (see {@link io.athanor.orm.sql.CompiledSql#readsOnly()}) outside a
     * transaction until its first write, lock, savepoint or raw JDBC use, where that is invisible: the
     * isolation level is READ COMMITTED or lower, and the connection comes from its pool in auto-commit mode
     * (HikariCP's and Spring Boot's default) or the driver switches into it for free (PostgreSQL). A session
     * that only reads then costs its SELECTs and nothing else: no BEGIN, no COMMIT or ROLLBACK. Under
     * REPEATABLE READ or SERIALIZABLE (MariaDB's default), where reads must share one snapshot, and for a
     * manual-commit connection of H2 or MariaDB, the transaction begins at the first statement whatever
     * this says.
     * Default true.
     *
     * @param deferBegin false to begin the transaction at the first statement, reads included
     * @return this builder
     */
    public EngineBuilder deferBegin(boolean deferBegin) {
        this.deferBegin = deferBegin;
        return this;
    }

    /**
     * How many rows the driver fetches per round trip for every query. Default 0: the driver's own default,
     * which on PostgreSQL and MariaDB reads the whole result in one round trip, as plain JDBC does. To stream
     * a large result, ask for it on the query with {@code select(..).yieldPer(n)}; this setting streams
     * every query, at the cost of a round trip per {@code fetchSize} rows.
     *
     * @param fetchSize at least 0
     * @return this builder
     */
    public EngineBuilder fetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
        return this;
    }

    /**
     * How many compiled statements the engine keeps (SQLAlchemy's {@code query_cache_size}). Default 500.
     *
     * @param size at least 1
     * @return this builder
     */
    public EngineBuilder compiledCacheSize(int size) {
        this.compiledCacheSize = size;
        return this;
    }

    /**
     * Adds a listener told about every statement run (for metrics).
     *
     * @param listener the listener
     * @return this builder
     */
    public EngineBuilder statementListener(StatementListener listener) {
        statementListeners.add(listener);
        return this;
    }

    /**
     * The dialect to use, when it cannot or should not be told from the URL.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public EngineBuilder dialect(Dialect dialect) {
        this.dialect = dialect;
        return this;
    }

    /**
     * Uses the application's own pool instead of creating one (see {@link Engine#of(DataSource)}).
     * Pool settings of this builder then do not apply.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public EngineBuilder dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /**
     * The name of the pool in HikariCP's logs and metrics. Default {@code athanor-N}.
     *
     * @param poolName the name
     * @return this builder
     */
    public EngineBuilder poolName(String poolName) {
        this.poolName = poolName;
        poolSettings.add("poolName");
        return this;
    }

    /**
     * The longest a statement may run before the driver cancels it, raising
     * {@link io.athanor.orm.QueryTimeoutException} ({@code ATH-E100}); applied to every statement of the
     * engine's connections, sessions included, through JDBC's {@code Statement.setQueryTimeout}. JDBC counts
     * whole seconds, so a fraction of a second is rounded up. Default: none, or the database's own (such as
     * PostgreSQL's {@code statement_timeout}); {@link Duration#ZERO} means none.
     *
     * @param statementTimeout at least zero
     * @return this builder
     */
    public EngineBuilder statementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
        return this;
    }

    /**
     * Logs a warning ({@code ATH-E099}, logger {@code io.athanor.orm.engine}) for every connection checked
     * out for longer than this, with the stack trace of where it was checked out: the way to find a Session
     * or Connection that is never closed, before it exhausts the pool. A connection is checked out by a
     * Session from its first statement until commit, rollback or close. Works for the engine's own pool and
     * for one given to {@link #dataSource(DataSource)}. Default: off; {@link Duration#ZERO} turns it off.
     * Each check-out then records its stack trace, so choose a threshold well above the longest intended
     * transaction rather than leaving it very low in production.
     *
     * @param threshold at least zero
     * @return this builder
     */
    public EngineBuilder leakDetectionThreshold(Duration threshold) {
        this.leakDetectionThreshold = threshold;
        return this;
    }

    /**
     * Any other HikariCP setting, by its property name in {@code HikariConfig}, e.g.
     * {@code maxLifetime} or {@code keepaliveTime}.
     *
     * @param name the HikariCP property name
     * @param value its value as text
     * @return this builder
     */
    public EngineBuilder poolProperty(String name, String value) {
        poolProperties.put(name, value);
        poolSettings.add("poolProperty");
        return this;
    }

    /**
     * A property passed to the JDBC driver, e.g. {@code reWriteBatchedInserts=true} for PostgreSQL.
     *
     * @param name the driver's property name
     * @param value its value
     * @return this builder
     */
    public EngineBuilder driverProperty(String name, String value) {
        driverProperties.put(name, value);
        poolSettings.add("driverProperty");
        return this;
    }

    /**
     * Creates the engine. Opens no connection.
     *
     * @return the engine
     * @throws ArgumentException (code {@code ATH-E017}) naming the setting that is invalid
     */
    public Engine build() {
        if (fetchSize < 0) {
            throw invalid("fetchSize must be 0 or more, not " + fetchSize + ".");
        }
        if (compiledCacheSize < 1) {
            throw invalid("compiledCacheSize must be at least 1, not " + compiledCacheSize + ".");
        }
        if (statementTimeout != null && statementTimeout.isNegative()) {
            throw invalid("statementTimeout must be zero (no timeout) or more, not " + statementTimeout + ".");
        }
        if (leakDetectionThreshold != null && leakDetectionThreshold.isNegative()) {
            throw invalid("leakDetectionThreshold must be zero (off) or more, not " + leakDetectionThreshold + ".");
        }
        int statementTimeoutSeconds = statementTimeout == null ? 0 : wholeSecondsRoundedUp(statementTimeout);
        long leakMillis = leakDetectionThreshold == null || leakDetectionThreshold.isZero() ? 0
                : Math.max(1, leakDetectionThreshold.toMillis());
        if (dataSource != null) {
            if (url != null) {
                throw invalid("give either url(..) or dataSource(..), not both.");
            }
            if (!poolSettings.isEmpty()) {
                throw invalid(String.join(", ", poolSettings) + " configure the engine's own pool and do not apply"
                        + " to a dataSource(..); configure the application's pool instead.");
            }
            return new Engine(null, null, dataSource, false, dialect, echo, fetchSize, deferBegin,
                    prePing != null && prePing, compiledCacheSize, statementListeners, statementTimeoutSeconds,
                    leakMillis);
        }
        if (url == null || url.isBlank()) {
            throw invalid("url(..) is required, e.g. Engine.create(\"jdbc:h2:mem:shop\").");
        }
        Dialect chosen = dialect != null ? dialect : Dialects.forUrl(url).orElse(null);
        return new Engine(url, username, pool(), true, chosen, echo, fetchSize, deferBegin, prePing == null || prePing,
                compiledCacheSize, statementListeners, statementTimeoutSeconds, leakMillis);
    }

    private static int wholeSecondsRoundedUp(Duration timeout) {
        if (timeout.isZero()) {
            return 0;
        }
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    private HikariDataSource pool() {
        if (poolSize < 1) {
            throw invalid("poolSize must be at least 1, not " + poolSize + ".");
        }
        if (maxOverflow < 0) {
            throw invalid("maxOverflow must be 0 or more, not " + maxOverflow + ".");
        }
        if (poolTimeout == null || poolTimeout.toMillis() < 250) {
            throw invalid("poolTimeout must be at least 250 ms, not " + poolTimeout + ".");
        }
        HikariConfig config;
        try {
            Properties properties = new Properties();
            properties.putAll(poolProperties);
            config = new HikariConfig(properties);
        } catch (RuntimeException unknown) {
            throw invalid("a poolProperty is not a HikariCP setting (" + unknown.getMessage() + "); see"
                    + " HikariConfig for the names, e.g. maxLifetime, leakDetectionThreshold.");
        }
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName(poolName != null ? poolName : "athanor-" + POOL_NUMBER.incrementAndGet());
        config.setAutoCommit(false);
        config.setMinimumIdle(poolSize);
        config.setMaximumPoolSize(poolSize + maxOverflow);
        config.setConnectionTimeout(poolTimeout.toMillis());
        if (isolationLevel != null) {
            config.setTransactionIsolation("TRANSACTION_" + isolationLevel.name());
        }
        driverProperties.forEach(config::addDataSourceProperty);
        // The no-argument constructor defers starting the pool to the first getConnection(): that is
        // what makes the engine lazy.
        HikariDataSource pool = new HikariDataSource();
        config.copyStateTo(pool);
        return pool;
    }

    private static ArgumentException invalid(String message) {
        return new ArgumentException("ATH-E017", "Invalid engine setting: " + message);
    }
}
