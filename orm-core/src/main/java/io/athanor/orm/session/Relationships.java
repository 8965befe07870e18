package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;
import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Select;
import io.athanor.orm.sql.Sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session's work on relationships: installing Athanor's collections, loading relationships
 * (lazily, or in one IN query per relationship for a whole result), cascading, and keeping foreign keys
 * in step with the objects before each flush writes them.
 */
final class Relationships {

    /** Large IN lists are split, so that no database parameter limit is reached. */
    static final int CHUNK = 500;

    private final Session session;
    private final IdentityMap identityMap;
    private final Map<RelationshipProperty, Integer> lazyLoads = new HashMap<>();

    Relationships(Session session, IdentityMap identityMap) {
        this.session = session;
        this.identityMap = identityMap;
    }

    // ------------------------------------------------------------------ installing collections

    /**
     * Puts Athanor's collections into the one-to-many fields of an object: unloaded for an object read
     * from the database, holding the current elements for a new one.
     */
    void install(InstanceState state, Object object, boolean fromDatabase) {
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (!relationship.isCollection()) {
                continue;
            }
            if (state.collections == null) {
                state.collections = new IdentityHashMap<>();
            }
            RelatedCollection existing = state.collections.get(relationship);
            if (existing != null) {
                if (fromDatabase && relationship.strategy() != LoadStrategy.NOLOAD) {
                    existing.loaded = false;
                    existing.elements.clear();
                }
                continue;
            }
            boolean noLoad = relationship.strategy() == LoadStrategy.NOLOAD;
            RelatedCollection earlier = fromDatabase ? null : trackedIn(relationship.get(object));
            RelatedCollection collection = new RelatedCollection(state, relationship,
                    earlier != null ? earlier.loaded : !fromDatabase || noLoad, relationship.strategy());
            if (earlier != null) {
                // A detached object coming back: its collection as its last session knew it, changes included
                // (not loaded: loaded by this session when first read).
                collection.elements.addAll(earlier.elements);
                collection.added.addAll(earlier.added);
                collection.removed.addAll(earlier.removed);
            } else if (!fromDatabase) {
                collection.elements.addAll(relationship.collection(object));
                collection.added.addAll(collection.elements);
            }
            state.collections.put(relationship, collection);
            relationship.set(object, relationship.collectionType() == Set.class ? new TrackedSet(collection)
                    : new TrackedList(collection));
            if (!fromDatabase && relationship.kind() != RelationshipProperty.Kind.MANY_TO_MANY) {
                for (Object element : collection.elements) {
                    RelationshipProperty back = relationship.backPopulates();
                    if (back != null && back.get(element) == null) {
                        back.set(element, object);
                    }
                }
            }
        }
    }

    /** The state behind one of Athanor's collections, or null for any other value. */
    private static RelatedCollection trackedIn(Object field) {
        return field instanceof TrackedList ? ((TrackedList) field).state
                : field instanceof TrackedSet ? ((TrackedSet) field).state : null;
    }

    /** The collection state of a one-to-many field, re-adopting a collection the application assigned itself. */
    RelatedCollection collection(InstanceState state, RelationshipProperty relationship) {
        RelatedCollection collection = state.collections == null ? null : state.collections.get(relationship);
        if (collection == null) {
            install(state, state.object(), false);
            return state.collections.get(relationship);
        }
        Object field = relationship.get(state.object());
        boolean ours = field instanceof TrackedList && ((TrackedList) field).state == collection
                || field instanceof TrackedSet && ((TrackedSet) field).state == collection;
        if (!ours) {
            // The application replaced the collection: what left it was removed, what is in it now was added.
            Collection<?> replacement = field == null ? List.of() : (Collection<?>) field;
            if (!collection.loaded && state.session != null && !state.isPending()) {
                collection.ensureLoaded();
            }
            if (collection.loaded) {
                for (Object element : new ArrayList<>(collection.elements)) {
                    if (!replacement.contains(element)) {
                        collection.removedElement(element);
                    }
                }
            }
            List<Object> elements = new ArrayList<>(replacement);
            collection.elements.clear();
            collection.loaded = true;
            relationship.set(state.object(), relationship.collectionType() == Set.class ? new TrackedSet(collection)
                    : new TrackedList(collection));
            for (Object element : elements) {
                collection.elements.add(element);
                collection.added(element);
            }
        }
        return collection;
    }

    // ------------------------------------------------------------------ loading

    /** Sets a many-to-one from the identity map when the related object is there; returns whether it needs loading. */
    boolean resolveFromIdentityMap(InstanceState state, RelationshipProperty relationship) {
        if (changedSinceLoaded(state, relationship)) {
            // The application's change wins over the row: it is flushed later, never undone by a load.
            return false;
        }
        Object key = foreignKeyOf(state.object(), relationship);
        if (key == null) {
            relationship.set(state.object(), null);
            return false;
        }
        InstanceState target = identityMap.get(relationship.target(), key);
        if (target != null) {
            relationship.set(state.object(), target.object());
            RelationshipFlush.remember(state, relationship, target.object());
            return false;
        }
        return true;
    }

    /**
     * Loads what a result's objects need: their many-to-ones (identity map first, then one IN query per
     * relationship) and the collections loaded eagerly, by the relationship's strategy or a query option.
     */
    void afterLoad(Mapper<?> mapper, List<?> objects, Map<String, LoadStrategy> options) {
        if (objects.isEmpty() || mapper.relationships().isEmpty()) {
            return;
        }
        for (RelationshipProperty relationship : mapper.relationships()) {
            LoadStrategy strategy = strategy(relationship, options);
            if (relationship.isCollection()) {
                for (Object object : objects) {
                    RelatedCollection collection = stateOf(object).collections.get(relationship);
                    if (collection != null) {
                        collection.strategy(strategy);
                        if (strategy == LoadStrategy.NOLOAD && !collection.loaded) {
                            // noload: the collection reads as empty and never goes to the database.
                            collection.loaded = true;
                        }
                    }
                }
                if (strategy == LoadStrategy.SELECTIN) {
                    loadCollections(relationship, objects, nested(options, relationship.name()));
                }
            } else if (strategy != LoadStrategy.NOLOAD && relationship.kind() == RelationshipProperty.Kind.ONE_TO_ONE) {
                loadOneToOne(relationship, objects);
            } else if (strategy != LoadStrategy.NOLOAD) {
                loadManyToOne(relationship, objects);
            }
        }
    }

    /** Whether a load of the class by itself joins a relationship declared {@code lazy = JOINED}. */
    static boolean joinsEagerly(Mapper<?> mapper) {
        for (RelationshipProperty relationship : mapper.relationships()) {
            if (relationship.strategy() == LoadStrategy.JOINED) {
                return true;
            }
        }
        return false;
    }

    static LoadStrategy strategy(RelationshipProperty relationship, Map<String, LoadStrategy> options) {
        LoadStrategy option = options.get(relationship.name());
        LoadStrategy strategy = option != null ? option : relationship.strategy();
        // A relationship the query did not join (it could not, with LIMIT; or it leads back to a class on the
        // joined path) is loaded with one IN query; one the query joined is loaded already, and is skipped.
        return strategy == LoadStrategy.JOINED ? LoadStrategy.SELECTIN : strategy;
    }

    /** Puts the related objects a joined query brought into the collection or field of each owner. */
    void fillJoined(RelationshipProperty relationship, Map<Object, List<Object>> relatedByOwner) {
        relatedByOwner.forEach((owner, related) -> {
            if (relationship.isCollection()) {
                RelatedCollection collection = collection(stateOf(owner), relationship);
                if (!collection.loaded) {
                    collection.fill(related);
                }
            } else {
                Object value = related.isEmpty() ? null : related.get(0);
                relationship.set(owner, value);
                if (value != null) {
                    // Remembered as loaded, so that a flush tells the application's later change from the row.
                    RelationshipFlush.remember(stateOf(owner), relationship, value);
                }
            }
        });
    }

    static Map<String, LoadStrategy> nestedOptions(Map<String, LoadStrategy> options, String name) {
        return nested(options, name);
    }

    private static Map<String, LoadStrategy> nested(Map<String, LoadStrategy> options, String name) {
        Map<String, LoadStrategy> nested = new HashMap<>();
        options.forEach((path, strategy) -> {
            if (path.startsWith(name + ".")) {
                nested.put(path.substring(name.length() + 1), strategy);
            }
        });
        return nested;
    }

    private void loadManyToOne(RelationshipProperty relationship, List<?> objects) {
        Map<Object, List<InstanceState>> missing = new LinkedHashMap<>();
        for (Object object : objects) {
            InstanceState state = stateOf(object);
            if (resolveFromIdentityMap(state, relationship)) {
                missing.computeIfAbsent(foreignKeyOf(object, relationship), ignored -> new ArrayList<>()).add(state);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<Object> keys = new ArrayList<>(missing.keySet());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            session.noAutoflush(() -> session.scalars(select(relationship.target(), relationship.referenced(), chunk)).all());
        }
        for (List<InstanceState> states : missing.values()) {
            for (InstanceState state : states) {
                resolveFromIdentityMap(state, relationship);
            }
        }
    }

    /**
     * Whether the application set a many-to-one or one-to-one field to another object (or null) than the one
     * last loaded or flushed. A field never loaded counts as unchanged while it is null.
     */
    static boolean changedSinceLoaded(InstanceState state, RelationshipProperty relationship) {
        Object loaded = state.references == null ? null : state.references.get(relationship);
        return relationship.get(state.object()) != loaded;
    }

    /**
     * Whether the many-to-one or one-to-one field holds a change that {@code expire()} or a rollback
     * discarded and no reload has undone yet: a flush before the reload leaves it alone, as it does the
     * columns changed before the expiry.
     */
    static boolean discardedChange(InstanceState state, RelationshipProperty relationship) {
        return state.referencesAtExpiry != null && state.referencesAtExpiry.containsKey(relationship)
                && state.referencesAtExpiry.get(relationship) == relationship.get(state.object());
    }

    /**
     * After a row refreshed an object's columns: each many-to-one and one-to-one follows the row again unless
     * the application changed it since it was loaded (or, after {@code expire()}, since then), in which case
     * the change is kept and flushed later. With {@code overwrite} ({@code refresh()}, a rollback) every one
     * follows the row. Related objects not in the session are loaded by {@link #loadReferences}.
     */
    void refreshReferences(InstanceState state, boolean overwrite, Map<RelationshipProperty, Object> atExpiry) {
        Object object = state.object();
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (relationship.isCollection()) {
                continue;
            }
            Object current = relationship.get(object);
            Object baseline = atExpiry != null && atExpiry.containsKey(relationship) ? atExpiry.get(relationship)
                    : state.references == null ? null : state.references.get(relationship);
            if (!overwrite && current != baseline) {
                continue;
            }
            if (state.references != null) {
                state.references.remove(relationship);
            }
            relationship.set(object, null);
            if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE) {
                resolveFromIdentityMap(state, relationship);
            }
            // A one-to-one left null here is loaded by the caller (afterLoad for a query, loadReferences by key).
        }
    }

    /**
     * After the database rolled back to a savepoint and the columns were restored: relationships are brought
     * back to what the restored rows say, since the flushes inside may have moved objects between parents.
     * Loaded collections are unloaded (read again on next access, pending changes dropped); a many-to-one
     * follows its restored foreign key through the identity map; a one-to-one, or a many-to-one whose object
     * is not in the session, is cleared and its owner expired, to be loaded when the owner is next handed out.
     * No statement is sent here: this runs while a failed flush is being undone.
     */
    void afterSavepointRollback(Collection<InstanceState> states) {
        for (InstanceState state : states) {
            if (state.mapper.relationships().isEmpty()) {
                continue;
            }
            if (state.collections != null) {
                for (RelatedCollection collection : state.collections.values()) {
                    collection.unload();
                }
            }
            Object object = state.object();
            for (RelationshipProperty relationship : state.mapper.relationships()) {
                if (relationship.isCollection()) {
                    continue;
                }
                boolean held = relationship.get(object) != null
                        || (state.references != null && state.references.containsKey(relationship));
                if (state.references != null) {
                    state.references.remove(relationship);
                }
                relationship.set(object, null);
                boolean unresolved = relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE
                        ? resolveFromIdentityMap(state, relationship) : held;
                if (unresolved && relationship.strategy() != LoadStrategy.NOLOAD) {
                    state.expired = true;
                }
            }
        }
    }

    /** Loads the many-to-ones and one-to-ones of one object that are not set yet (after a refresh by key). */
    void loadReferences(InstanceState state) {
        List<Object> objects = List.of(state.object());
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (relationship.isCollection() || relationship.strategy() == LoadStrategy.NOLOAD
                    || relationship.get(state.object()) != null) {
                continue;
            }
            if (relationship.kind() == RelationshipProperty.Kind.ONE_TO_ONE) {
                loadOneToOne(relationship, objects);
            } else {
                loadManyToOne(relationship, objects);
            }
        }
    }

    /** One IN query (per chunk) for the single related object of each owner, on the side the key points to. */
    private void loadOneToOne(RelationshipProperty relationship, List<?> owners) {
        Map<Object, Object> byKey = new LinkedHashMap<>();
        for (Object owner : owners) {
            if (changedSinceLoaded(stateOf(owner), relationship)) {
                continue;
            }
            Object key = keyOf(owner, relationship.referenced());
            if (key != null) {
                byKey.put(key, owner);
            }
        }
        List<Object> keys = new ArrayList<>(byKey.keySet());
        Map<Object, Object> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            for (Object element : session.noAutoflush(() -> session.scalars(select(relationship.target(),
                    relationship.foreignKey(), chunk)).all())) {
                found.put(foreignKeyOfElement(element, relationship), element);
            }
        }
        byKey.forEach((key, owner) -> {
            Object element = found.get(key);
            relationship.set(owner, element);
            if (element != null) {
                // Remembered so that a flush can tell when the application replaced or cleared it.
                RelationshipFlush.remember(stateOf(owner), relationship, element);
            }
        });
    }

    /** One IN query (per chunk) for the collections of all given owners. */
    private void loadCollections(RelationshipProperty relationship, List<?> owners, Map<String, LoadStrategy> options) {
        Map<Object, RelatedCollection> byKey = new LinkedHashMap<>();
        for (Object owner : owners) {
            RelatedCollection collection = collection(stateOf(owner), relationship);
            if (!collection.loaded) {
                byKey.put(keyOf(owner, relationship.referenced()), collection);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        Map<Object, List<Object>> grouped = new HashMap<>();
        List<Object> all = new ArrayList<>();
        List<Object> keys = new ArrayList<>(byKey.keySet());
        if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
            Map<Object, List<Object>> associated = associated(relationship, keys, options);
            byKey.forEach((key, collection) -> collection.fill(associated.getOrDefault(key, List.of())));
            return;
        }
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            Select<?> query = ordered(select(relationship.target(), relationship.foreignKey(), chunk), relationship);
            for (Object element : session.noAutoflush(() -> session.scalarsWithOptions(query, options).all())) {
                grouped.computeIfAbsent(foreignKeyOfElement(element, relationship), ignored -> new ArrayList<>())
                        .add(element);
                all.add(element);
            }
        }
        byKey.forEach((key, collection) -> collection.fill(grouped.getOrDefault(key, List.of())));
    }

    /** Loads one unloaded collection on first access (lazy SELECT), counting for the N+1 guard. */
    void loadCollection(RelatedCollection collection) {
        RelationshipProperty relationship = collection.relationship;
        Object owner = collection.owner.object();
        session.noticeLazyLoad(relationship, lazyLoads.merge(relationship, 1, Integer::sum));
        if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
            Map<Object, List<Object>> grouped = associated(relationship,
                    List.of(keyOf(owner, relationship.referenced())), Map.of());
            collection.fill(grouped.getOrDefault(keyOf(owner, relationship.referenced()), List.of()));
            return;
        }
        Select<?> query = ordered(select(relationship.target(), relationship.foreignKey(),
                List.of(keyOf(owner, relationship.referenced()))), relationship);
        // A lazy load must not flush: it can run in the middle of delete() or of preparing a flush.
        collection.fill(session.noAutoflush(() -> session.scalars(query).all()));
    }

    /**
     * The targets of a many-to-many for owners' keys, grouped by owner key: SELECT association key, target
     * FROM target JOIN association ON ... WHERE association key IN (...).
     */
    private Map<Object, List<Object>> associated(RelationshipProperty relationship, List<Object> keys,
                                                 Map<String, LoadStrategy> options) {
        Class<?> association = relationship.secondary().type();
        Class<?> target = relationship.target().type();
        List<Expression<Boolean>> on = new ArrayList<>();
        for (int i = 0; i < relationship.secondaryToTarget().size(); i++) {
            on.add(Sql.col(association, relationship.secondaryToTarget().get(i).name())
                    .eq(Sql.col(target, relationship.targetKey().get(i).name())));
        }
        Map<Object, List<Object>> grouped = new HashMap<>();
        ColumnAttribute ownerColumn = relationship.secondaryToSource().get(0);
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            Select<?> query = ordered(Sql.select(Sql.col(association, ownerColumn.name()), target)
                    .from(association).join(target, Sql.and(toArray(on)))
                    .where(Sql.col(association, ownerColumn.name()).in(chunk)), relationship);
            for (io.athanor.orm.engine.Row row : session.noAutoflush(() -> session.execute(query).all())) {
                Object key = io.athanor.orm.engine.ValueConverter.convert(row.get(0),
                        EntityLoader.boxed(relationship.referenced().get(0).javaType()), ownerColumn.column().qualifiedName());
                grouped.computeIfAbsent(key, ignored -> new ArrayList<>()).add(row.get(1));
            }
        }
        return grouped;
    }

    private static Select<?> ordered(Select<?> query, RelationshipProperty relationship) {
        String orderBy = relationship.orderBy();
        Class<?> target = relationship.target().type();
        List<Object> order = new ArrayList<>();
        if (!orderBy.isEmpty()) {
            boolean descending = orderBy.startsWith("-");
            Expression<Object> column = Sql.col(target, descending ? orderBy.substring(1) : orderBy);
            order.add(descending ? column.desc() : column.asc());
        }
        String orderedBy = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
        for (ColumnAttribute key : relationship.target().primaryKeyAttributes()) {
            if (!key.name().equals(orderedBy)) {
                order.add(Sql.col(target, key.name()).asc());
            }
        }
        return query.orderBy(order.toArray());
    }

    /** SELECT target WHERE attributes IN (keys): a single IN for one column, OR of ANDs for several. */
    private static Select<?> select(Mapper<?> target, List<ColumnAttribute> attributes, List<Object> keys) {
        Select<?> query = Sql.select(target.type());
        if (attributes.size() == 1) {
            return query.where(Sql.col(target.type(), attributes.get(0).name()).in(keys));
        }
        List<Expression<Boolean>> alternatives = new ArrayList<>();
        for (Object key : keys) {
            List<?> values = (List<?>) key;
            List<Expression<Boolean>> parts = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                parts.add(Sql.col(target.type(), attributes.get(i).name()).eq(values.get(i)));
            }
            alternatives.add(Sql.and(toArray(parts)));
        }
        return query.where(Sql.or(toArray(alternatives)));
    }

    @SuppressWarnings("unchecked")
    static Expression<Boolean>[] toArray(List<Expression<Boolean>> list) {
        return list.toArray(new Expression[0]);
    }

    // ------------------------------------------------------------------ keys

    private static Object foreignKeyOf(Object object, RelationshipProperty relationship) {
        return keyOf(object, relationship.foreignKey(), relationship.referenced());
    }

    private static Object foreignKeyOfElement(Object element, RelationshipProperty relationship) {
        return keyOf(element, relationship.foreignKey(), relationship.referenced());
    }

    private static Object keyOf(Object object, List<ColumnAttribute> attributes) {
        return keyOf(object, attributes, attributes);
    }

    /** The values of {@code attributes}, converted to the types of {@code types}, as an identity. */
    private static Object keyOf(Object object, List<ColumnAttribute> attributes, List<ColumnAttribute> types) {
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = attributes.get(i).get(object);
            if (value == null) {
                return null;
            }
            values[i] = io.athanor.orm.engine.ValueConverter.convert(value, EntityLoader.boxed(types.get(i).javaType()),
                    attributes.get(i).column().qualifiedName());
        }
        return values.length == 1 ? values[0] : List.of(values);
    }

    private static InstanceState stateOf(Object object) {
        return Session.inspect(object);
    }
}
