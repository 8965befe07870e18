/**
 * The SQL expression language: statements as Java objects that compile to SQL text with bound
 * parameters.
 *
 * <p>This package knows nothing about connections or the ORM (SQLAlchemy's {@code sqlalchemy.sql}).
 * What it needs to know about a particular database, such as how identifiers are quoted, it asks a
 * {@link io.athanor.orm.sql.SqlDialect}; the engine's dialects implement that interface. Entry point:
 * {@link io.athanor.orm.sql.Sql}.
 */
package io.athanor.orm.sql;
