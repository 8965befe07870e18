package io.athanor.orm.mapping;

/**
 * How a relationship is loaded (SQLAlchemy's {@code lazy=}). Athanor maps plain fields, so a
 * many-to-one is always loaded with its object (no proxies): from the identity map when the related
 * object is there, otherwise with one batched query for all objects of a result.
 */
public enum LoadStrategy {
    /** The default: {@link #SELECT} for collections, {@link #SELECTIN} for a many-to-one. */
    DEFAULT,
    /** A collection loads on first access, with one SELECT (lazy). */
    SELECT,
    /** One extra {@code IN} query loads the relationship for all objects of a result. */
    SELECTIN,
    /** Accessing an unloaded collection raises {@code InvalidRequestException}: load it with a query option. */
    RAISE,
    /** Never loaded: a collection stays empty, a many-to-one null, unless filled by the application. */
    NOLOAD
}
