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
            RelatedCollection collection = new RelatedCollection(state, relationship, !fromDatabase || noLoad,
                    relationship.strategy());
            if (!fromDatabase) {
                collection.elements.addAll(relationship.collection(object));
                if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    collection.added.addAll(collection.elements);
                }
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
        Object key = foreignKeyOf(state.object(), relationship);
        if (key == null) {
            relationship.set(state.object(), null);
            return false;
        }
        InstanceState target = identityMap.get(relationship.target(), key);
        if (target != null) {
            relationship.set(state.object(), target.object());
            remember(state, relationship, target.object());
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

    static LoadStrategy strategy(RelationshipProperty relationship, Map<String, LoadStrategy> options) {
        LoadStrategy option = options.get(relationship.name());
        LoadStrategy strategy = option != null ? option : relationship.strategy();
        // A relationship the query did not join (or could not, with LIMIT) is loaded with one IN query.
        return strategy == LoadStrategy.JOINED ? LoadStrategy.SELECTIN : strategy;
    }

    /** The relationship a query loads with a join, if any: the first one asked for, on the first level. */
    static RelationshipProperty joined(Mapper<?> mapper, Map<String, LoadStrategy> options) {
        for (RelationshipProperty relationship : mapper.relationships()) {
            LoadStrategy option = options.get(relationship.name());
            LoadStrategy strategy = option != null ? option : relationship.strategy();
            if (strategy == LoadStrategy.JOINED) {
                return relationship;
            }
        }
        return null;
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
                relationship.set(owner, related.isEmpty() ? null : related.get(0));
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

    /** One IN query (per chunk) for the single related object of each owner, on the side the key points to. */
    private void loadOneToOne(RelationshipProperty relationship, List<?> owners) {
        Map<Object, Object> byKey = new LinkedHashMap<>();
        for (Object owner : owners) {
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
        byKey.forEach((key, owner) -> relationship.set(owner, found.get(key)));
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
            Select<Object> query = Sql.select(Sql.col(association, ownerColumn.name()), target)
                    .from(association).join(target, Sql.and(toArray(on)))
                    .where(Sql.col(association, ownerColumn.name()).in(chunk));
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
    private static Expression<Boolean>[] toArray(List<Expression<Boolean>> list) {
        return list.toArray(new Expression[0]);
    }

    // ------------------------------------------------------------------ cascades and flush preparation

    /** Takes the related objects along when an object is added (save-update cascade). */
    void cascadeAdd(InstanceState state) {
        Object object = state.object();
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (!relationship.cascades(Cascade.SAVE_UPDATE)) {
                continue;
            }
            if (relationship.isCollection()) {
                RelatedCollection collection = collection(state, relationship);
                if (collection.loaded) {
                    for (Object element : new ArrayList<>(collection.elements)) {
                        session.cascadeAdd(element);
                    }
                }
            } else {
                Object related = relationship.get(object);
                if (related != null) {
                    session.cascadeAdd(related);
                }
            }
        }
    }

    /** The loaded related objects along relationships that cascade an operation (expunge, refresh-expire, merge). */
    List<Object> cascaded(InstanceState state, Cascade cascade) {
        List<Object> related = new ArrayList<>();
        Object object = state.object();
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (!relationship.cascades(cascade)) {
                continue;
            }
            if (relationship.isCollection()) {
                RelatedCollection collection = state.collections == null ? null : state.collections.get(relationship);
                if (collection != null && collection.loaded) {
                    related.addAll(collection.elements);
                }
            } else if (relationship.get(object) != null) {
                related.add(relationship.get(object));
            }
        }
        return related;
    }

    /** Deletes along DELETE cascades when an object is deleted. */
    void cascadeDelete(InstanceState state) {
        for (RelationshipProperty relationship : state.mapper.relationships()) {
            if (relationship.kind() == RelationshipProperty.Kind.ONE_TO_ONE && relationship.cascades(Cascade.DELETE)) {
                Object related = relationship.get(state.object());
                if (related != null) {
                    session.cascadeDelete(related);
                }
            }
            if (relationship.isCollection() && relationship.cascades(Cascade.DELETE) && !relationship.passiveDeletes()) {
                for (Object element : new ArrayList<>(loadedElements(state, relationship))) {
                    session.cascadeDelete(element);
                }
            }
        }
    }

    private List<Object> loadedElements(InstanceState state, RelationshipProperty relationship) {
        RelatedCollection collection = collection(state, relationship);
        collection.ensureLoaded();
        return collection.elements;
    }

    /**
     * Before a flush: deletes orphans, takes new related objects along, and detaches the children of
     * deleted parents (nulling their foreign keys) where nothing cascades the delete.
     */
    void prepareFlush(Collection<InstanceState> states, Collection<InstanceState> deleted) {
        for (InstanceState state : new ArrayList<>(states)) {
            if (state.mapper.relationships().isEmpty()) {
                continue;
            }
            for (RelationshipProperty relationship : state.mapper.relationships()) {
                if (!relationship.isCollection()) {
                    continue;
                }
                RelatedCollection collection = collection(state, relationship);
                if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    continue;
                }
                for (Object removed : new ArrayList<>(collection.removed)) {
                    RelationshipProperty back = relationship.backPopulates();
                    if (relationship.cascades(Cascade.DELETE_ORPHAN)) {
                        session.deleteOrphan(removed);
                    } else if (back == null || back.get(removed) == null) {
                        // Removed and not moved to another parent: its row no longer belongs to this one.
                        nullForeignKey(state, relationship, removed);
                    }
                }
                collection.removed.clear();
            }
            cascadeAdd(state);
        }
        for (InstanceState parent : new ArrayList<>(deleted)) {
            for (RelationshipProperty relationship : parent.mapper.relationships()) {
                if (!relationship.isCollection() || relationship.cascades(Cascade.DELETE) || relationship.passiveDeletes()
                        || relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    continue;
                }
                for (Object child : new ArrayList<>(loadedElements(parent, relationship))) {
                    InstanceState childState = Session.inspect(child);
                    if (!childState.markedForDeletion) {
                        nullForeignKey(parent, relationship, child);
                    }
                }
            }
        }
    }

    private static void nullForeignKey(InstanceState parent, RelationshipProperty relationship, Object child) {
        for (ColumnAttribute attribute : relationship.foreignKey()) {
            if (!attribute.column().nullable()) {
                throw new InvalidRequestException("ATH-E093", "Removing " + Session.describe(Session.inspect(child))
                        + " from " + Session.describe(parent) + "." + relationship.name() + " would set "
                        + attribute + " to NULL, but the column is NOT NULL. Add cascade = {Cascade.ALL,"
                        + " Cascade.DELETE_ORPHAN} to delete such children, or delete them yourself first.");
            }
            attribute.set(child, null);
        }
        RelationshipProperty back = relationship.backPopulates();
        if (back != null && back.get(child) == parent.object()) {
            back.set(child, null);
        }
    }

    /**
     * Before the rows of a class are written: copies the keys of related objects into the foreign-key
     * fields (the parents were written already, so their generated keys are known).
     */
    void syncForeignKeys(Mapper<?> mapper, Collection<InstanceState> states, Collection<InstanceState> everyone) {
        for (InstanceState state : states) {
            for (RelationshipProperty relationship : mapper.relationships()) {
                if (relationship.kind() != RelationshipProperty.Kind.MANY_TO_ONE) {
                    continue;
                }
                Object related = relationship.get(state.object());
                if (related != null) {
                    copyKey(related, relationship.referenced(), state.object(), relationship.foreignKey());
                    remember(state, relationship, related);
                } else if (state.references != null && state.references.remove(relationship) != null) {
                    // The application set the many-to-one to null: the row no longer refers to anything.
                    for (ColumnAttribute attribute : relationship.foreignKey()) {
                        if (!attribute.column().nullable()) {
                            throw new InvalidRequestException("ATH-E093", Session.describe(state) + "." + relationship.name()
                                    + " was set to null, but " + attribute + " is NOT NULL; delete the object instead,"
                                    + " or make the column nullable.");
                        }
                        attribute.set(state.object(), null);
                    }
                }
            }
        }
        for (InstanceState owner : everyone) {
            for (RelationshipProperty relationship : owner.mapper.relationships()) {
                if (relationship.kind() != RelationshipProperty.Kind.ONE_TO_ONE || relationship.target() != mapper
                        || owner.markedForDeletion) {
                    continue;
                }
                Object element = relationship.get(owner.object());
                if (element != null) {
                    copyKey(owner.object(), relationship.referenced(), element, relationship.foreignKey());
                    RelationshipProperty back = relationship.backPopulates();
                    if (back != null && back.get(element) != owner.object()) {
                        back.set(element, owner.object());
                    }
                }
            }
        }
        for (InstanceState owner : everyone) {
            if (owner.collections == null) {
                continue;
            }
            for (RelatedCollection collection : owner.collections.values()) {
                RelationshipProperty relationship = collection.relationship;
                if (relationship.target() != mapper || !collection.loaded || owner.markedForDeletion
                        || relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    continue;
                }
                for (Object element : collection.elements) {
                    copyKey(owner.object(), relationship.referenced(), element, relationship.foreignKey());
                    RelationshipProperty back = relationship.backPopulates();
                    if (back != null && back.get(element) != owner.object()) {
                        back.set(element, owner.object());
                    }
                }
            }
        }
    }

    /**
     * After every INSERT and UPDATE of a flush, before its DELETEs: writes the association rows of
     * many-to-many collections (inserted for added elements, deleted for removed ones and for deleted owners).
     */
    void writeAssociations(Collection<InstanceState> everyone) {
        for (InstanceState owner : everyone) {
            if (owner.collections == null) {
                continue;
            }
            for (RelatedCollection collection : owner.collections.values()) {
                RelationshipProperty relationship = collection.relationship;
                if (relationship.kind() != RelationshipProperty.Kind.MANY_TO_MANY) {
                    continue;
                }
                Class<?> association = relationship.secondary().type();
                if (owner.markedForDeletion) {
                    if (!relationship.passiveDeletes()) {
                        session.executeInFlush(Sql.delete(association).where(matching(association,
                                relationship.secondaryToSource(), relationship.referenced(), owner.object())));
                    }
                    continue;
                }
                for (Object removed : collection.removed) {
                    session.executeInFlush(Sql.delete(association).where(Sql.and(
                            matching(association, relationship.secondaryToSource(), relationship.referenced(), owner.object()),
                            matching(association, relationship.secondaryToTarget(), relationship.targetKey(), removed))));
                }
                for (Object added : collection.added) {
                    io.athanor.orm.sql.Insert insert = Sql.insert(association);
                    for (int i = 0; i < relationship.secondaryToSource().size(); i++) {
                        insert = insert.values(relationship.secondaryToSource().get(i).name(),
                                relationship.referenced().get(i).get(owner.object()));
                    }
                    for (int i = 0; i < relationship.secondaryToTarget().size(); i++) {
                        insert = insert.values(relationship.secondaryToTarget().get(i).name(),
                                relationship.targetKey().get(i).get(added));
                    }
                    session.executeInFlush(insert);
                }
                collection.removed.clear();
                collection.added.clear();
            }
        }
    }

    boolean hasAssociationChanges(Collection<InstanceState> everyone) {
        for (InstanceState owner : everyone) {
            if (owner.collections == null) {
                continue;
            }
            for (RelatedCollection collection : owner.collections.values()) {
                if (collection.relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY
                        && (owner.markedForDeletion || !collection.added.isEmpty() || !collection.removed.isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Expression<Boolean> matching(Class<?> association, List<ColumnAttribute> columns,
                                                List<ColumnAttribute> keys, Object object) {
        List<Expression<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(Sql.col(association, columns.get(i).name()).eq(keys.get(i).get(object)));
        }
        return Sql.and(toArray(parts));
    }

    private static void remember(InstanceState state, RelationshipProperty relationship, Object related) {
        if (state.references == null) {
            state.references = new IdentityHashMap<>();
        }
        state.references.put(relationship, related);
    }

    private static void copyKey(Object from, List<ColumnAttribute> keyAttributes, Object to,
                                List<ColumnAttribute> foreignKey) {
        for (int i = 0; i < keyAttributes.size(); i++) {
            Object value = keyAttributes.get(i).get(from);
            if (value != null && !EntityLoader.same(foreignKey.get(i).get(to), value)) {
                foreignKey.get(i).set(to, value);
            }
        }
    }

    /** Orders new objects of a self-referencing class so that each comes after the object it refers to. */
    static List<InstanceState> parentsFirst(Mapper<?> mapper, List<InstanceState> states) {
        List<RelationshipProperty> selfReferences = new ArrayList<>();
        for (RelationshipProperty relationship : mapper.relationships()) {
            if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE && relationship.target() == mapper) {
                selfReferences.add(relationship);
            }
        }
        if (selfReferences.isEmpty()) {
            return states;
        }
        Set<InstanceState> placed = new LinkedHashSet<>();
        Set<InstanceState> pending = new LinkedHashSet<>(states);
        for (InstanceState state : states) {
            place(state, selfReferences, pending, placed, new LinkedHashSet<>());
        }
        return new ArrayList<>(placed);
    }

    private static void place(InstanceState state, List<RelationshipProperty> selfReferences, Set<InstanceState> pending,
                              Set<InstanceState> placed, Set<InstanceState> visiting) {
        if (placed.contains(state) || !visiting.add(state)) {
            return;
        }
        for (RelationshipProperty relationship : selfReferences) {
            Object parent = relationship.get(state.object());
            if (parent != null) {
                InstanceState parentState = Session.inspect(parent);
                if (pending.contains(parentState)) {
                    place(parentState, selfReferences, pending, placed, visiting);
                }
            }
        }
        placed.add(state);
    }

    /** Whether an object of a self-referencing class must be inserted alone (it refers to a new object). */
    static boolean refersToNew(Mapper<?> mapper, InstanceState state) {
        for (RelationshipProperty relationship : mapper.relationships()) {
            if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE && relationship.target() == mapper) {
                Object parent = relationship.get(state.object());
                if (parent != null && Session.inspect(parent).isPending()) {
                    return true;
                }
            }
        }
        return false;
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
