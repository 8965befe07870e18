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
    /**
     * The query itself loads the relationship with a LEFT OUTER JOIN (an INNER JOIN for a non-null
     * many-to-one is not assumed); rows are de-duplicated. A query with LIMIT or OFFSET loads it with
     * {@link #SELECTIN} instead, so that the limit counts objects, not joined rows.
     */
    JOINED,
    /** Accessing an unloaded collection raises {@code InvalidRequestException}: load it with a query option. */
    RAISE,
    /** Never loaded: a collection stays empty, a many-to-one null, unless filled by the application. */
    NOLOAD
}
