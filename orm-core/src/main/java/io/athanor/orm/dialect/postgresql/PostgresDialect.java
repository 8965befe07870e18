package io.athanor.orm.dialect.postgresql;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.DefaultDialect;
import io.athanor.orm.sql.SqlType;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * PostgreSQL 12 and later, through the pgjdbc driver. Identity columns, RETURNING, transactional
 * DDL, native UUID and JSONB. TIMESTAMP WITH TIME ZONE stores an instant: values come back at UTC
 * offset.
 */
public final class PostgresDialect extends DefaultDialect {

    /** Creates the dialect. */
    public PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    @Override
    public String typeName(SqlType type) {
        switch (type.kind()) {
            case BINARY:
                return "BYTEA";
            case JSON:
                return "JSONB";
            default:
                return super.typeName(type);
        }
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.INSERT_RETURNING, Capability.UPDATE_RETURNING, Capability.DELETE_RETURNING,
                Capability.SAVEPOINTS, Capability.TRANSACTIONAL_DDL, Capability.NATIVE_UUID, Capability.SKIP_LOCKED,
                Capability.CHECK_CONSTRAINTS, Capability.GENERATED_KEYS_BY_NAME,
                Capability.MULTI_ROW_INSERT_RETURNING);
    }

    @Override
    public io.athanor.orm.engine.ColumnReader reader(int jdbcType, String typeName) {
        boolean special = jdbcType == Types.TIMESTAMP || jdbcType == Types.OTHER;
        return special ? (resultSet, index) -> read(resultSet, index, jdbcType, typeName)
                : super.reader(jdbcType, typeName);
    }

    @Override
    public Object read(ResultSet resultSet, int index, int jdbcType, String typeName) throws SQLException {
        if (jdbcType == Types.TIMESTAMP && "timestamptz".equals(typeName)) {
            return resultSet.getObject(index, OffsetDateTime.class);
        }
        if (jdbcType == Types.OTHER && ("json".equals(typeName) || "jsonb".equals(typeName))) {
            return resultSet.getString(index);
        }
        return super.read(resultSet, index, jdbcType, typeName);
    }

    @Override
    protected void bindTyped(PreparedStatement statement, int index, Object value, SqlType type) throws SQLException {
        // The driver sends a String as varchar, which PostgreSQL will not put into a jsonb column.
        statement.setObject(index, value.toString(), Types.OTHER);
    }

    @Override
    protected String constraintName(SQLException error, IntegrityException.Kind kind) {
        // pgjdbc reports the constraint in a structured field; read it reflectively so orm-core
        // needs no compile-time dependency on the driver.
        try {
            Method serverMessage = error.getClass().getMethod("getServerErrorMessage");
            Object details = serverMessage.invoke(error);
            if (details == null) {
                return null;
            }
            String field = kind == IntegrityException.Kind.NOT_NULL ? "getColumn" : "getConstraint";
            Object name = details.getClass().getMethod(field).invoke(details);
            return name == null ? null : name.toString();
        } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
            return null;
        }
    }
}
