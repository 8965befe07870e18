package io.athanor.orm.mapping;

/**
 * Which session operations travel along a relationship from an object to the objects it refers to
 * (SQLAlchemy's cascades). The default of {@link Relationship#cascade()} is {@code SAVE_UPDATE, MERGE}.
 */
public enum Cascade {
    /** {@code add()} and flush take the related objects along: new ones become pending. */
    SAVE_UPDATE,
    /** {@code merge()} merges the related objects too. */
    MERGE,
    /** Deleting the object deletes the related objects. */
    DELETE,
    /** An object removed from the collection is deleted (it cannot exist without its parent). */
    DELETE_ORPHAN,
    /** {@code expunge()} expunges the related objects. */
    EXPUNGE,
    /** {@code refresh()} and {@code expire()} apply to the related objects. */
    REFRESH_EXPIRE,
    /** All of the above but {@code DELETE_ORPHAN}, as SQLAlchemy's "all". */
    ALL
}
