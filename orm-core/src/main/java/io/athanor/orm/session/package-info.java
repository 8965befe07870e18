/**
 * The {@link io.athanor.orm.session.Session} (SQLAlchemy's {@code Session}): object states, the identity
 * map, the unit of work that writes all changes in one ordered flush, expiry, savepoints, and the
 * {@link io.athanor.orm.session.SessionFactory} that makes sessions ({@code sessionmaker}).
 *
 * <p>Athanor maps plain classes without instrumentation: a session notices changes by comparing each
 * object's fields with a snapshot of the values it loaded, and it reloads expired objects before
 * handing them out again.
 */
package io.athanor.orm.session;
