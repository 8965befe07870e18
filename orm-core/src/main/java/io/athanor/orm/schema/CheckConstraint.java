package io.athanor.orm.schema;

/**
 * A CHECK constraint: an SQL condition every row must satisfy (SQLAlchemy's {@code CheckConstraint}).
 * The condition is DDL written by the developer, not a value: it is copied into CREATE TABLE as is.
 */
public final class CheckConstraint {

    private final String name;
    private final String condition;

    CheckConstraint(String name, String condition) {
        this.name = name;
        this.condition = condition;
    }

    /** The constraint's name, {@code ck_<table>_<given name>}. */
    public String name() {
        return name;
    }

    /** The SQL condition, e.g. {@code price > 0}. */
    public String condition() {
        return condition;
    }

    @Override
    public String toString() {
        return name + " CHECK (" + condition + ")";
    }
}
