package io.athanor.orm.schema;

import java.util.List;

/** A unique constraint over one or more columns (SQLAlchemy's {@code UniqueConstraint}). */
public final class UniqueConstraint {

    private final String name;
    private final List<String> columns;

    UniqueConstraint(String name, List<String> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    /** The constraint's name: given, or {@code uq_<table>_<first column>}. */
    public String name() {
        return name;
    }

    /** The columns whose combined values must be unique. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return name + columns;
    }
}
