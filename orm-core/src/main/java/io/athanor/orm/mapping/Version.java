package io.athanor.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integer field as the row's version counter for optimistic locking (SQLAlchemy's
 * {@code version_id_col}): INSERT sets it to 1; every UPDATE and DELETE requires the version the session
 * loaded ({@code WHERE id = ? AND version = ?}) and an UPDATE increments it. When another transaction
 * changed the row first, no row matches and the flush raises {@link io.athanor.orm.StaleDataException}.
 *
 * <pre>{@code
 * @Version private int version;
 * }</pre>
 *
 * The field is mapped as a column (with {@link Column} when its settings are needed); do not set it
 * yourself.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Version {
}
