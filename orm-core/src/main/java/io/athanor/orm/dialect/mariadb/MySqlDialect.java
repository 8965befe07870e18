package io.athanor.orm.dialect.mariadb;

import io.athanor.orm.engine.Capability;
import io.athanor.orm.sql.SqlType;

import java.util.EnumSet;
import java.util.Set;

/**
 * MySQL 8: MariaDB's dialect without RETURNING and without a native UUID type (UUIDs are stored as
 * CHAR(36)).
 */
public final class MySqlDialect extends MariaDbDialect {

    /** Creates the dialect. */
    public MySqlDialect() {
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String typeName(SqlType type) {
        return type.kind() == SqlType.Kind.UUID ? "CHAR(36)" : super.typeName(type);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.SAVEPOINTS, Capability.SKIP_LOCKED, Capability.CHECK_CONSTRAINTS);
    }
}
