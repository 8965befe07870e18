package io.athanor.orm.sql;

import java.util.List;

/**
 * What one SELECT (or UPDATE/DELETE) makes visible to the expressions inside it: its primary entity,
 * against which an unbound {@code Sql.col("name")} is resolved, and whether columns are qualified.
 */
final class Scope {

    /** An entity in a FROM clause, possibly aliased. */
    static final class EntitySource {
        final Class<?> type;
        final String alias;

        EntitySource(Class<?> type, String alias) {
            this.type = type;
            this.alias = alias;
        }
    }

    private final EntitySource primary;
    private final List<EntitySource> sources;
    private final boolean qualify;

    Scope(EntitySource primary, List<EntitySource> sources, boolean qualify) {
        this.primary = primary;
        this.sources = sources;
        this.qualify = qualify;
    }

    EntitySource primary() {
        return primary;
    }

    List<EntitySource> sources() {
        return sources;
    }

    boolean qualify() {
        return qualify;
    }
}
