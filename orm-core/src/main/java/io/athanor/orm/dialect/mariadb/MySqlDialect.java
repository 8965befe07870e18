package io.athanor.orm.dialect.mariadb;

import io.athanor.orm.engine.Capability;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.StorageLimits;

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

    /** MariaDB's limits, except that a UUID is text here (CHAR(36)), so every UUID fits. */
    @Override
    public StorageLimits storageLimits() {
        return super.storageLimits().withAllUuids(true);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.SAVEPOINTS, Capability.SKIP_LOCKED, Capability.CHECK_CONSTRAINTS);
    }

    @Override
    protected String statementTimeoutSetting() {
        return "MySQL's max_execution_time";
    }
}
