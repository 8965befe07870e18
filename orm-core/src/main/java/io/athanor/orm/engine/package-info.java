/**
 * The engine: a factory of database connections backed by a HikariCP pool (SQLAlchemy's
 * {@code sqlalchemy.engine}).
 *
 * <p>{@link io.athanor.orm.engine.Engine} creates {@link io.athanor.orm.engine.Connection}s that run
 * statements of the {@code sql} package and return {@link io.athanor.orm.engine.Result}s of
 * {@link io.athanor.orm.engine.Row}s. The {@link io.athanor.orm.engine.Dialect} SPI is what the rest
 * of Athanor knows about a particular database; its implementations live in
 * {@code io.athanor.orm.dialect}. With {@code echo} on, every statement and its parameters are logged
 * through SLF4J under the logger {@code io.athanor.orm.engine}.
 */
package io.athanor.orm.engine;
