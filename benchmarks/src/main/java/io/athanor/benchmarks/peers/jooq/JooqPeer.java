package io.athanor.benchmarks.peers.jooq;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;

/** jOOQ over the benchmark's pool, without code generation (see {@link Tables}). */
public final class JooqPeer {

    private JooqPeer() {
    }

    public static DSLContext dsl(DataSource dataSource, String database) {
        SQLDialect dialect = switch (database) {
            case "h2" -> SQLDialect.H2;
            case "postgresql" -> SQLDialect.POSTGRES;
            default -> throw new IllegalArgumentException("Unknown database '" + database + "'");
        };
        // jOOQ's execute logging adds a listener to every query even when the logger is off; nothing else
        // in its default settings does work that the other peers skip.
        Settings settings = new Settings().withExecuteLogging(false);
        return DSL.using(dataSource, dialect, settings);
    }
}
