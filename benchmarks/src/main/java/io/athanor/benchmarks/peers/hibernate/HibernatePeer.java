package io.athanor.benchmarks.peers.hibernate;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

import javax.sql.DataSource;

/** Hibernate ORM bootstrapped in code over the benchmark's pool, configured for batch work as its guide says. */
public final class HibernatePeer {

    /**
     * JDBC batch size, and how many entities a bulk insert persists between {@code flush()}/{@code clear()}.
     * The hand-written JDBC peer executes its batch every 1,000 rows, so Hibernate gets the same round trips
     * (its guide suggests 10–50 to bound memory; a larger batch only helps Hibernate here).
     */
    public static final int BATCH_SIZE = 1_000;

    private HibernatePeer() {
    }

    public static SessionFactory sessionFactory(DataSource dataSource) {
        // Hibernate logs through jboss-logging, which would fall back to java.util.logging here and print at
        // INFO; send it to SLF4J like every other library in the benchmarks, which bind the no-op logger.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        return new HibernatePersistenceConfiguration("athanor-benchmarks")
                .managedClasses(HItem.class, HAutoItem.class, HParent.class, HChild.class)
                // The same pool as every other peer; Hibernate detects the dialect from its connections.
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                // The pool hands out connections with auto-commit off: Hibernate need not check or switch it.
                .property(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH_SIZE)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .property(AvailableSettings.ORDER_UPDATES, true)
                .property(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .property(AvailableSettings.USE_QUERY_CACHE, false)
                .showSql(false, false, false)
                // The workload created the tables and the sequence.
                .schemaToolingAction(Action.NONE)
                .createEntityManagerFactory();
    }
}
