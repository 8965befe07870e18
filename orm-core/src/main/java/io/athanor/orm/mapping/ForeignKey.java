package io.athanor.orm.mapping;

import io.athanor.orm.schema.ReferentialAction;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link Column} field refers to a column of another table (SQLAlchemy's
 * {@code ForeignKey("customers.id", ondelete="CASCADE")}):
 *
 * <pre>{@code
 * @Column(nullable = false) @ForeignKey(value = "customers.id", onDelete = ReferentialAction.CASCADE)
 * private Long customerId;
 * }</pre>
 *
 * The target table must be mapped in the same {@link Registry}; the unit of work inserts rows of the
 * referenced table first and deletes them last.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ForeignKey {

    /** The referenced column, as {@code "table.column"}. */
    String value();

    /** What happens to this row when the referenced one is deleted; NO_ACTION is the database's default. */
    ReferentialAction onDelete() default ReferentialAction.NO_ACTION;

    /**
     * The constraint's name. Fields whose {@code @ForeignKey} gives the same name form one composite
     * foreign key, in field order (e.g. a reference to a two-column primary key).
     */
    String name() default "";
}
