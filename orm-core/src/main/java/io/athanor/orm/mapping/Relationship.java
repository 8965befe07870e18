package io.athanor.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A relationship to another mapped class along a foreign key (SQLAlchemy's {@code relationship()}): on a
 * field of the other class's type it is a many-to-one (or one-to-one), on a {@code List} or {@code Set}
 * of it a one-to-many.
 *
 * <pre>{@code
 * @Relationship(backPopulates = "user", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
 * private List<Address> addresses = new ArrayList<>();
 *
 * @Relationship(backPopulates = "addresses") private User user;   // in Address, next to its @ForeignKey column
 * }</pre>
 *
 * The foreign key between the two tables decides the join; when several link them, name the one to use
 * with {@link #foreignKey()}.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Relationship {

    /** The relationship of the other class that mirrors this one; both sides are kept in step. */
    String backPopulates() default "";

    /** Which operations travel along the relationship; default save-update and merge. */
    Cascade[] cascade() default {Cascade.SAVE_UPDATE, Cascade.MERGE};

    /** How the relationship loads. */
    LoadStrategy lazy() default LoadStrategy.DEFAULT;

    /** For a collection: the attribute of the related class to order it by; prefix with '-' for descending. */
    String orderBy() default "";

    /**
     * The foreign-key attribute to join on, when several foreign keys link the two tables: the attribute
     * of this class for a many-to-one, of the related class for a one-to-many.
     */
    String foreignKey() default "";

    /** Rely on the database's ON DELETE CASCADE: deleting the parent does not load its children. */
    boolean passiveDeletes() default false;

    /**
     * For a many-to-many: the association table, by name, whose rows link the two classes. It is the
     * table of a mapped class of the registry (typically one with a two-column primary key, each column a
     * foreign key); Athanor inserts and deletes its rows as elements are added to and removed from the
     * collection.
     */
    String secondary() default "";
}
