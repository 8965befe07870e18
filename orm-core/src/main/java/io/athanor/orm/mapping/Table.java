package io.athanor.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as mapped to a table (SQLAlchemy's {@code __tablename__}):
 *
 * <pre>{@code
 * @Table("customers")
 * public class Customer {
 *     @Column(primaryKey = true) private Long id;
 *     @Column(length = 50, nullable = false) private String name;
 *     protected Customer() {}
 * }
 * }</pre>
 *
 * The class needs a no-argument constructor (of any visibility); only fields annotated with
 * {@link Column} are mapped.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Table {

    /** The table's name; empty means the class's simple name passed through the registry's naming strategy. */
    String value() default "";
}
