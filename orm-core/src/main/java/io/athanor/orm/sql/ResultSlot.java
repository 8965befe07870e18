package io.athanor.orm.sql;

/**
 * One item of a SELECT list as the ORM reads it back: an entity spread over {@code width} columns
 * starting at {@code start}, or one plain column.
 */
public final class ResultSlot {

    private final Class<?> entity;
    private final int start;
    private final int width;
    private final String label;

    ResultSlot(Class<?> entity, int start, int width, String label) {
        this.entity = entity;
        this.start = start;
        this.width = width;
        this.label = label;
    }

    /** The entity class, or null for a plain column. */
    public Class<?> entity() {
        return entity;
    }

    /** The 0-based index of the slot's first column. */
    public int start() {
        return start;
    }

    /** How many columns the slot spans. */
    public int width() {
        return width;
    }

    /** The label of the slot: the entity's simple name or the column's label. */
    public String label() {
        return label;
    }
}
