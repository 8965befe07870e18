/**
 * Schema: {@link io.athanor.orm.schema.MetaData}, {@link io.athanor.orm.schema.Table},
 * {@link io.athanor.orm.schema.Column} and constraints (SQLAlchemy's {@code sqlalchemy.schema}).
 *
 * <p>A {@code MetaData} is a catalog of tables; {@code createAll} creates the missing ones in
 * foreign-key dependency order and {@code dropAll} drops them in reverse. DDL text comes from the
 * engine's dialect, so one schema definition serves every supported database. The declarative
 * mapping builds its tables with this same API.
 */
package io.athanor.orm.schema;
