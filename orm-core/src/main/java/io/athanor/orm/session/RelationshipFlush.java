package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;
import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What relationships ask of the session's writes: cascades along them (save-update, delete,
 * delete-orphan, expunge, refresh-expire), the preparation of a flush, the foreign keys copied from
 * related objects before their rows are written, many-to-many association rows, and the order of new
 * rows of a self-referencing class.
 */
final class RelationshipFlush {

    private final Session session;
    private final Relationships relationships;

    RelationshipFlush(Session session, Relationships relationships) {
        this.session = session;
        this.relationships = relationships;
    }

    private RelatedCollection collection(InstanceState state, RelationshipProperty relationship) {
        return relationships.collection(state, relationship);
    }

    private static Expression<Boolean>[] toArray(List<Expression<Boolean>> list) {
        return Relationships.toArray(list);
    }

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
        // Only objects of classes with relationships take part; objects of other classes cost one look each.
        List<InstanceState> related = new ArrayList<>();
        for (InstanceState state : states) {
            if (!state.mapper.relationships().isEmpty()) {
                related.add(state);
            }
        }
        int pendingBefore = session.heldCount();
        for (InstanceState state : related) {
            for (RelationshipProperty relationship : state.mapper.relationships()) {
                if (relationship.isCollection()) {
                    collection(state, relationship); // adopts a collection the application assigned itself
                }
            }
            cascadeAdd(state);
        }
        if (session.heldCount() != pendingBefore) {
            // The cascades brought new objects in: they take part too.
            related.clear();
            for (InstanceState state : session.states()) {
                if (!state.mapper.relationships().isEmpty()) {
                    related.add(state);
                }
            }
        }
        // Everything reachable is in the session now: both sides of each relationship are brought in step.
        Backrefs.reconcile(related, session::deleteOrphan);
        for (InstanceState state : related) {
            for (RelationshipProperty relationship : state.mapper.relationships()) {
                if (relationship.kind() == RelationshipProperty.Kind.ONE_TO_ONE) {
                    releaseReplacedOneToOne(state, relationship);
                }
                if (!relationship.isCollection()) {
                    continue;
                }
                RelatedCollection collection = collection(state, relationship);
                if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    continue;
                }
                for (Object removed : new ArrayList<>(collection.removed)) {
                    RelationshipProperty back = relationship.backPopulates();
                    if (back != null && back.get(removed) != null && back.get(removed) != state.object()) {
                        // Moved to another parent: not an orphan, and its foreign key follows the new parent.
                        continue;
                    }
                    if (relationship.cascades(Cascade.DELETE_ORPHAN)) {
                        session.deleteOrphan(removed);
                    } else if (back == null || back.get(removed) == null) {
                        // Removed and not moved to another parent: its row no longer belongs to this one.
                        nullForeignKey(state, relationship, removed);
                    }
                }
                collection.removed.clear();
                collection.added.clear();
            }
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

    /**
     * A one-to-one set to null or to another object: the one loaded before no longer belongs to this owner,
     * so it is deleted (delete-orphan) or its foreign key set to NULL, as a child removed from a collection.
     */
    private void releaseReplacedOneToOne(InstanceState owner, RelationshipProperty relationship) {
        if (Relationships.discardedChange(owner, relationship)) {
            return;
        }
        Object current = relationship.get(owner.object());
        Object previous = owner.references == null ? null : owner.references.get(relationship);
        RelationshipProperty back = relationship.backPopulates();
        boolean moved = previous != null && back != null && back.get(previous) != null
                && back.get(previous) != owner.object();
        if (previous != null && previous != current && !owner.markedForDeletion && !moved
                && !Session.inspect(previous).markedForDeletion) {
            if (relationship.cascades(Cascade.DELETE_ORPHAN)) {
                session.deleteOrphan(previous);
            } else if (back == null || back.get(previous) == null || back.get(previous) == owner.object()) {
                // Not taken over by another owner: its row no longer refers to this one.
                nullForeignKey(owner, relationship, previous);
            }
        }
        // Only once the old object is dealt with, so that a refused flush is refused again the next time.
        if (current != null) {
            remember(owner, relationship, current);
        } else if (previous != null) {
            owner.references.remove(relationship);
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
                if (relationship.kind() != RelationshipProperty.Kind.MANY_TO_ONE
                        || Relationships.discardedChange(state, relationship)) {
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
                        || owner.markedForDeletion || Relationships.discardedChange(owner, relationship)) {
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

    static void remember(InstanceState state, RelationshipProperty relationship, Object related) {
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

}
