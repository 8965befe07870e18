/**
 * Declarative mapping (SQLAlchemy's {@code sqlalchemy.orm.decl_api} and {@code Mapper}): the
 * annotations {@link io.athanor.orm.mapping.Table}, {@link io.athanor.orm.mapping.Column} and
 * {@link io.athanor.orm.mapping.ForeignKey} on plain classes; the {@link io.athanor.orm.mapping.Registry}
 * that collects mapped classes and their tables; and {@link io.athanor.orm.mapping.Mapper}, which knows
 * how one class maps onto one table and reads and writes its fields through method handles resolved
 * once, when the registry is built.
 */
package io.athanor.orm.mapping;
