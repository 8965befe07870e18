package io.athanor.orm.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of Athanor under the prefix {@code athanor}.
 *
 * <pre>
 * athanor:
 *   scan-packages: com.example.shop.model
 *   engine:
 *     echo: true
 *   schema:
 *     create: embedded
 * </pre>
 */
@ConfigurationProperties("athanor")
public class AthanorProperties {

    /**
     * Packages to scan for {@code @Table} classes (sub-packages included). Default: the packages of
     * {@code @EntityScan}, else the application's auto-configuration packages (the
     * {@code @SpringBootApplication} package).
     */
    private List<String> scanPackages = new ArrayList<>();

    /** How Java names become table and column names where the annotations give none. */
    private NamingStrategyName namingStrategy = NamingStrategyName.AS_IS;

    private final Engine engine = new Engine();

    private final Session session = new Session();

    private final Schema schema = new Schema();

    private final Metrics metrics = new Metrics();

    public List<String> getScanPackages() {
        return scanPackages;
    }

    public void setScanPackages(List<String> scanPackages) {
        this.scanPackages = scanPackages;
    }

    public NamingStrategyName getNamingStrategy() {
        return namingStrategy;
    }

    public void setNamingStrategy(NamingStrategyName namingStrategy) {
        this.namingStrategy = namingStrategy;
    }

    public Engine getEngine() {
        return engine;
    }

    public Session getSession() {
        return session;
    }

    public Schema getSchema() {
        return schema;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** The naming strategies Athanor ships. */
    public enum NamingStrategyName {
        /** Names as written: field {@code emailAddress} is column {@code emailAddress}. */
        AS_IS,
        /** camelCase to snake_case: field {@code emailAddress} is column {@code email_address}. */
        SNAKE_CASE
    }

    /** When to create the mapped tables at startup. */
    public enum SchemaCreate {
        /** Always run createAll at startup (it skips tables that exist). */
        ALWAYS,
        /** Only for an embedded database (H2, HSQLDB, Derby). */
        EMBEDDED,
        /** Never: the schema is managed elsewhere (Flyway, Liquibase, schema.sql). */
        NEVER
    }

    /** The engine: by default it uses the application's DataSource. */
    public static class Engine {

        /**
         * JDBC URL of a database for Athanor's own connection pool. Default: none, Athanor uses the
         * application's DataSource.
         */
        private String url;

        /** User for {@code athanor.engine.url}. */
        private String username;

        /** Password for {@code athanor.engine.url}. */
        private String password;

        /** Log every statement with its parameters at INFO (logger {@code io.athanor.orm.engine}). */
        private boolean echo;

        /**
         * Rows fetched per round trip for every query; 0 (the default) reads a result in one round trip, as
         * plain JDBC does. Stream one large query with {@code select(..).yieldPer(n)} instead.
         */
        private int fetchSize;

        /**
         * Whether plain reads run outside a transaction until the first write, where the isolation level
         * makes that invisible (READ COMMITTED on PostgreSQL and H2): a read-only session then costs no
         * COMMIT or ROLLBACK round trip. Sessions joined to a Spring transaction are not affected.
         */
        private boolean deferBegin = true;

        /** How many compiled statements to keep. */
        private int compiledCacheSize = 500;

        /**
         * Cancel statements running longer than this (QueryTimeoutException, ATH-E100; JDBC counts whole
         * seconds). Default: none, the database's own.
         */
        private Duration statementTimeout;

        /**
         * Warn (ATH-E099) about a connection held by a session or connection for longer than this, with the
         * stack trace of where it was checked out, to find sessions that are never closed. Default: off;
         * each check-out then records a stack trace, so keep it for development and tests or set it well
         * above the longest transaction.
         */
        private Duration leakDetectionThreshold;

        private final Pool pool = new Pool();

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isEcho() {
            return echo;
        }

        public void setEcho(boolean echo) {
            this.echo = echo;
        }

        public boolean isDeferBegin() {
            return deferBegin;
        }

        public void setDeferBegin(boolean deferBegin) {
            this.deferBegin = deferBegin;
        }

        public int getFetchSize() {
            return fetchSize;
        }

        public void setFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
        }

        public int getCompiledCacheSize() {
            return compiledCacheSize;
        }

        public void setCompiledCacheSize(int compiledCacheSize) {
            this.compiledCacheSize = compiledCacheSize;
        }

        public Duration getStatementTimeout() {
            return statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public Duration getLeakDetectionThreshold() {
            return leakDetectionThreshold;
        }

        public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
            this.leakDetectionThreshold = leakDetectionThreshold;
        }

        public Pool getPool() {
            return pool;
        }
    }

    /** Athanor's own pool, used with {@code athanor.engine.url} only. */
    public static class Pool {

        /** Connections kept open. */
        private int size = 5;

        /** Connections opened beyond {@code size} under load. */
        private int maxOverflow = 10;

        /** How long to wait for a free connection. */
        private Duration timeout = Duration.ofSeconds(30);

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public int getMaxOverflow() {
            return maxOverflow;
        }

        public void setMaxOverflow(int maxOverflow) {
            this.maxOverflow = maxOverflow;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Settings of the sessions the SessionFactory opens. */
    public static class Session {

        /** Flush pending changes before queries and before get() looks in the database. */
        private boolean autoflush = true;

        /** Expire every object at commit, so that it is reloaded before it is handed out again. */
        private boolean expireOnCommit = true;

        /**
         * The N+1 guard: warn when one relationship is loaded lazily, one parent at a time, more than this
         * many times in a session. 0 turns it off.
         */
        private int nPlusOneThreshold;

        /** Raise instead of warning when the N+1 guard fires (for tests). */
        private boolean nPlusOneRaise;

        public int getNPlusOneThreshold() {
            return nPlusOneThreshold;
        }

        public void setNPlusOneThreshold(int nPlusOneThreshold) {
            this.nPlusOneThreshold = nPlusOneThreshold;
        }

        public boolean isNPlusOneRaise() {
            return nPlusOneRaise;
        }

        public void setNPlusOneRaise(boolean nPlusOneRaise) {
            this.nPlusOneRaise = nPlusOneRaise;
        }

        public boolean isAutoflush() {
            return autoflush;
        }

        public void setAutoflush(boolean autoflush) {
            this.autoflush = autoflush;
        }

        public boolean isExpireOnCommit() {
            return expireOnCommit;
        }

        public void setExpireOnCommit(boolean expireOnCommit) {
            this.expireOnCommit = expireOnCommit;
        }
    }

    /** Schema creation at startup. */
    public static class Schema {

        /** When to run createAll for the mapped tables at startup. */
        private SchemaCreate create = SchemaCreate.EMBEDDED;

        public SchemaCreate getCreate() {
            return create;
        }

        public void setCreate(SchemaCreate create) {
            this.create = create;
        }
    }

    /** Micrometer metrics. */
    public static class Metrics {

        /** Record sessions, flushes and statements in Micrometer when a MeterRegistry exists. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
