package io.athanor.orm.schema;

import java.util.List;

/** An index over one or more columns, optionally unique (SQLAlchemy's {@code Index}). */
public final class Index {

    private final String name;
    private final List<String> columns;
    private final boolean unique;

    Index(String name, List<String> columns, boolean unique) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.unique = unique;
    }

    /** The index's name: given, or {@code ix_<table>_<first column>}. */
    public String name() {
        return name;
    }

    /** The indexed columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Whether the index enforces uniqueness. */
    public boolean unique() {
        return unique;
    }

    @Override
    public String toString() {
        return name + columns;
    }
}
