package io.athanor.orm.mapping;

/**
 * The column type of a {@link Column}, when the one inferred from the field's Java type is not wanted
 * (for instance {@code TEXT} for a long {@code String}, or {@code JSON}).
 */
public enum ColumnType {
    /** Inferred from the field's Java type (see {@link io.athanor.orm.sql.SqlType#forJavaType}). */
    AUTO,
    /** SMALLINT. */
    SMALL_INTEGER,
    /** INTEGER. */
    INTEGER,
    /** BIGINT. */
    BIG_INTEGER,
    /** NUMERIC(precision, scale). */
    NUMERIC,
    /** REAL. */
    FLOAT,
    /** DOUBLE PRECISION. */
    DOUBLE,
    /** VARCHAR(length). */
    STRING,
    /** Unbounded text. */
    TEXT,
    /** BOOLEAN. */
    BOOLEAN,
    /** DATE. */
    DATE,
    /** TIME. */
    TIME,
    /** TIMESTAMP without time zone. */
    DATETIME,
    /** TIMESTAMP WITH TIME ZONE. */
    DATETIME_TZ,
    /** UUID. */
    UUID,
    /** Binary data: VARBINARY(length) with a length, else unbounded. */
    BINARY,
    /** JSON text. */
    JSON
}
