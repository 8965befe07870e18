package io.athanor.orm.session;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-query loading options for relationships (SQLAlchemy's {@code joinedload}, {@code selectinload},
 * {@code raiseload}, {@code noload}), given to {@code Select.options(..)}; a path such as
 * {@code "orders.lines"} reaches relationships of related objects, and {@link #thenJoined} /
 * {@link #thenSelectin} chain options along a path, as SQLAlchemy's {@code joinedload(User.orders)
 * .joinedload(Order.lines)}:
 *
 * <pre>{@code
 * session.scalars(select(User.class).options(Load.selectin("addresses"))).all();   // 2 SELECTs in all
 * session.scalars(select(User.class).options(Load.joined("addresses"),
 *         Load.joined("orders").thenJoined("lines"))).all();                      // 1 SELECT in all
 * }</pre>
 */
public final class Load {

    private final String path;
    private final LoadStrategy strategy;
    private final boolean inner;
    /** The option this one was chained to, whose path this one's continues; null for the first. */
    private final Load parent;

    private Load(String path, LoadStrategy strategy) {
        this(path, strategy, false, null);
    }

    private Load(String path, LoadStrategy strategy, boolean inner, Load parent) {
        this.path = path;
        this.strategy = strategy;
        this.inner = inner;
        this.parent = parent;
    }

    /**
     * Also joins {@code relationship} of the objects this option loads, in the same query (SQLAlchemy's
     * {@code joinedload(User.orders).joinedload(Order.lines)}): {@code Load.joined("orders").thenJoined("lines")}
     * is {@code Load.joined("orders"), Load.joined("orders.lines")}.
     *
     * @param relationship a relationship of the related class
     * @return the chained option
     */
    public Load thenJoined(String relationship) {
        return new Load(path + "." + relationship, LoadStrategy.JOINED, false, this);
    }

    /**
     * Also loads {@code relationship} of the objects this option loads, with one IN query
     * ({@code joinedload(User.orders).selectinload(Order.lines)}).
     *
     * @param relationship a relationship of the related class
     * @return the chained option
     */
    public Load thenSelectin(String relationship) {
        return new Load(path + "." + relationship, LoadStrategy.SELECTIN, false, this);
    }

    /** This option and those it was chained to, first ones first. */
    private List<Load> chain() {
        List<Load> chain = new java.util.ArrayList<>();
        for (Load load = this; load != null; load = load.parent) {
            chain.add(0, load);
        }
        return chain;
    }

    /**
     * Joined loading with an INNER JOIN: objects without a related one are left out of the result
     * (SQLAlchemy's {@code joinedload(..., innerjoin=True)}).
     *
     * @param path a relationship name
     * @return the option
     */
    public static Load joinedInner(String path) {
        return new Load(path, LoadStrategy.JOINED, true, null);
    }

    static boolean innerJoin(List<Object> options, String path) {
        for (Object option : options) {
            if (option instanceof Load) {
                for (Load load : ((Load) option).chain()) {
                    if (load.inner && load.path.equals(path)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Loads the relationship for all objects of the result with one extra IN query.
     *
     * @param path a relationship name, or a dotted path
     * @return the option
     */
    public static Load selectin(String path) {
        return new Load(path, LoadStrategy.SELECTIN);
    }

    /**
     * Loads the relationship in the same query, with a LEFT OUTER JOIN (SQLAlchemy's
     * {@code joinedload}). Several relationships, and nested ones (a dotted path, or
     * {@link #thenJoined}), all join into one SELECT; a query with LIMIT or OFFSET loads them with
     * SELECTIN instead, so that the limit counts objects rather than joined rows.
     *
     * @param path a relationship name, or a dotted path to a relationship of related objects (the steps
     *             before it load as their own options or strategies say)
     * @return the option
     */
    public static Load joined(String path) {
        return new Load(path, LoadStrategy.JOINED);
    }

    /**
     * Loads the collection lazily, on first access.
     *
     * @param path a relationship name, or a dotted path
     * @return the option
     */
    public static Load lazy(String path) {
        return new Load(path, LoadStrategy.SELECT);
    }

    /**
     * Makes access to the unloaded collection raise, to catch accidental lazy loads.
     *
     * @param path a relationship name, or a dotted path
     * @return the option
     */
    public static Load raise(String path) {
        return new Load(path, LoadStrategy.RAISE);
    }

    /**
     * Does not load the relationship at all.
     *
     * @param path a relationship name, or a dotted path
     * @return the option
     */
    public static Load noload(String path) {
        return new Load(path, LoadStrategy.NOLOAD);
    }

    /** The relationship path. */
    public String path() {
        return path;
    }

    /** The strategy. */
    public LoadStrategy strategy() {
        return strategy;
    }

    /**
     * Refuses options whose path does not lead through relationships from the queried class: a misspelt
     * option would otherwise be ignored silently and the query would load as if it were not there.
     */
    static void check(Mapper<?> root, List<Object> options) {
        for (Object option : options) {
            if (option instanceof Load) {
                ((Load) option).chain().forEach(load -> check(root, load));
            }
        }
    }

    private static void check(Mapper<?> root, Load load) {
        Mapper<?> mapper = root;
        RelationshipProperty relationship = null;
        for (String name : load.path.split("\\.", -1)) {
            relationship = mapper.relationship(name);
            if (relationship == null) {
                throw new ArgumentException("ATH-E095", load + " names '" + name + "', which is not a relationship"
                        + " of " + mapper.type().getSimpleName() + "; its relationships are "
                        + mapper.relationships().stream().map(RelationshipProperty::name).toList() + ".");
            }
            mapper = relationship.target();
        }
        if (load.strategy == LoadStrategy.RAISE && !relationship.isCollection()) {
            throw new ArgumentException("ATH-E095", load + " names '" + relationship + "', which holds a single"
                    + " object; a plain field cannot raise when read. Use Load.noload(\"" + load.path + "\") to"
                    + " leave it unloaded.");
        }
    }

    static Map<String, LoadStrategy> of(List<Object> options) {
        Map<String, LoadStrategy> byPath = new HashMap<>();
        for (Object option : options) {
            if (option instanceof Load) {
                ((Load) option).chain().forEach(load -> byPath.put(load.path, load.strategy));
            }
        }
        return byPath;
    }

    @Override
    public String toString() {
        if (parent != null) {
            String name = strategy == LoadStrategy.JOINED ? "thenJoined" : "thenSelectin";
            return parent + "." + name + "(\"" + path.substring(parent.path.length() + 1) + "\")";
        }
        String name = inner ? "joinedInner" : strategy.name().toLowerCase(java.util.Locale.ROOT);
        return "Load." + name + "(\"" + path + "\")";
    }
}
