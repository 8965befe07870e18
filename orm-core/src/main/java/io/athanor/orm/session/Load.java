package io.athanor.orm.session;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-query loading options for relationships (SQLAlchemy's {@code selectinload}, {@code raiseload},
 * {@code noload}), given to {@code Select.options(..)}; a path such as {@code "orders.items"} reaches
 * relationships of related objects:
 *
 * <pre>{@code
 * session.scalars(select(User.class).options(Load.selectin("addresses"))).all();   // 2 SELECTs in all
 * }</pre>
 */
public final class Load {

    private final String path;
    private final LoadStrategy strategy;
    private final boolean inner;

    private Load(String path, LoadStrategy strategy) {
        this(path, strategy, false);
    }

    private Load(String path, LoadStrategy strategy, boolean inner) {
        this.path = path;
        this.strategy = strategy;
        this.inner = inner;
    }

    /**
     * Joined loading with an INNER JOIN: objects without a related one are left out of the result
     * (SQLAlchemy's {@code joinedload(..., innerjoin=True)}).
     *
     * @param path a relationship name
     * @return the option
     */
    public static Load joinedInner(String path) {
        return new Load(path, LoadStrategy.JOINED, true);
    }

    static boolean innerJoin(List<Object> options, String path) {
        for (Object option : options) {
            if (option instanceof Load && ((Load) option).inner && ((Load) option).path.equals(path)) {
                return true;
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
     * {@code joinedload}); one relationship per query, the first level only.
     *
     * @param path a relationship name
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
            if (!(option instanceof Load)) {
                continue;
            }
            Load load = (Load) option;
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
    }

    static Map<String, LoadStrategy> of(List<Object> options) {
        Map<String, LoadStrategy> byPath = new HashMap<>();
        for (Object option : options) {
            if (option instanceof Load) {
                byPath.put(((Load) option).path, ((Load) option).strategy);
            }
        }
        return byPath;
    }

    @Override
    public String toString() {
        String name = inner ? "joinedInner" : strategy.name().toLowerCase(java.util.Locale.ROOT);
        return "Load." + name + "(\"" + path + "\")";
    }
}
