package io.athanor.orm.sql;

import java.util.Objects;

/** A mapped class in a FROM clause, without or with an alias. */
class EntityFrom extends FromItem {

    final Class<?> type;
    final String alias;

    EntityFrom(Class<?> type, String alias) {
        this.type = type;
        this.alias = alias;
    }

    @Override
    void compileFrom(SqlCompiler compiler) {
        compiler.entityTable(type, alias);
    }

    @Override
    Scope.EntitySource source() {
        return new Scope.EntitySource(type, alias);
    }

    @Override
    boolean sameAs(FromItem other) {
        return other instanceof EntityFrom && ((EntityFrom) other).type == type
                && Objects.equals(((EntityFrom) other).alias, alias);
    }

    @Override
    public String toString() {
        return alias == null ? type.getSimpleName() : type.getSimpleName() + " AS " + alias;
    }
}
