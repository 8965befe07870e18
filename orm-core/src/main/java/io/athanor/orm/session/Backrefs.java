package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.RelationshipProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Brings the two sides of each bidirectional relationship in step before a flush writes anything
 * (SQLAlchemy's backref events, applied at flush because Athanor does not intercept field writes).
 *
 * <p>The rule: <b>the side changed since it was loaded (or last flushed) wins</b>. A many-to-one set to
 * another parent moves the object out of the old parent's loaded collection and into the new parent's;
 * a many-to-one set to null takes it out of the old parent's collection as a removal (so delete-orphan
 * and NOT NULL checks apply as to any removal); a collection change already set the many-to-one when it
 * was made. A one-to-one follows the side that changed: its old owner lets go, its new owner holds it.
 * Many-to-many elements added or removed on one side appear or disappear on the other side's
 * loaded collection. When both sides changed in ways that contradict each other, the flush is refused
 * with {@code ATH-E133} before any statement, naming the object and both relationships.
 *
 * <p>Only loaded collections are touched: one that was never loaded is read from the database, which the
 * flush brings up to date.
 */
final class Backrefs {

    private Backrefs() {
    }

    /**
     * Reconciles every bidirectional relationship of the given (pending and persistent) objects.
     *
     * @param orphaned receives a child whose many-to-one was set to null while its parent's collection,
     *        not loaded, cascades delete-orphan: it is deleted as if removed from that collection
     */
    static void reconcile(Collection<InstanceState> states, Consumer<Object> orphaned) {
        for (InstanceState state : states) {
            if (state.markedForDeletion || state.mapper.relationships().isEmpty()) {
                continue;
            }
            for (RelationshipProperty relationship : state.mapper.relationships()) {
                RelationshipProperty back = relationship.backPopulates();
                if (back == null) {
                    continue;
                }
                if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE && back.isCollection()) {
                    manyToOne(state, relationship, back, orphaned);
                } else if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_ONE) {
                    referenceOfOneToOne(state, relationship, back);
                } else if (relationship.kind() == RelationshipProperty.Kind.ONE_TO_ONE) {
                    oneToOne(state, relationship, back);
                } else if (relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY) {
                    manyToMany(state, relationship, back);
                }
            }
        }
        for (InstanceState state : states) {
            if (state.collections == null || state.markedForDeletion) {
                continue;
            }
            for (RelatedCollection collection : state.collections.values()) {
                if (collection.relationship.kind() == RelationshipProperty.Kind.ONE_TO_MANY
                        && collection.relationship.backPopulates() != null) {
                    checkCollection(state, collection);
                }
            }
        }
    }

    /** A many-to-one whose value differs from the one loaded moves the object between the parents' collections. */
    private static void manyToOne(InstanceState child, RelationshipProperty relationship, RelationshipProperty back,
                                  Consumer<Object> orphaned) {
        if (Relationships.discardedChange(child, relationship)) {
            return;
        }
        Object object = child.object();
        Object current = relationship.get(object);
        Object previous = child.references == null ? null : child.references.get(relationship);
        if (current == previous) {
            return;
        }
        RelatedCollection old = loadedCollection(previous, back);
        if (old == null && current == null && previous != null && back.cascades(Cascade.DELETE_ORPHAN)) {
            // The parent's collection is not loaded, but the child left it all the same: an orphan.
            orphaned.accept(object);
            return;
        }
        if (old != null && old.elements.contains(object)) {
            if (old.added.contains(object)) {
                throw disagree(child, relationship, current, old, "added to");
            }
            old.elements.remove(object);
            if (current == null && !old.removed.contains(object)) {
                // Set to null, not moved: a removal from the old parent, with its orphan and NOT NULL rules.
                old.removed.add(object);
            }
        }
        RelatedCollection next = loadedCollection(current, back);
        if (next != null && !next.elements.contains(object)) {
            if (next.removed.contains(object)) {
                throw disagree(child, relationship, current, next, "removed from");
            }
            next.elements.add(object);
        }
    }

    /**
     * A collection element added since load whose many-to-one names another parent, or one removed whose
     * many-to-one still names this one: the many-to-one was changed after the collection, and the two
     * changes say different things.
     */
    private static void checkCollection(InstanceState owner, RelatedCollection collection) {
        RelationshipProperty back = collection.relationship.backPopulates();
        Object ownerObject = owner.object();
        for (Object element : collection.added) {
            Object parent = back.get(element);
            if (parent != ownerObject && collection.elements.contains(element)) {
                throw disagree(Session.inspect(element), back, parent, collection, "added to");
            }
        }
        for (Object element : collection.removed) {
            if (back.get(element) == ownerObject) {
                throw disagree(Session.inspect(element), back, ownerObject, collection, "removed from");
            }
        }
    }

    /**
     * The side holding the foreign key of a one-to-one changed ({@code passport.setCitizen(bob)}): the old
     * owner no longer holds it, the new owner does, unless the new owner's own field changed too.
     */
    private static void referenceOfOneToOne(InstanceState child, RelationshipProperty reference,
                                            RelationshipProperty oneToOne) {
        if (Relationships.discardedChange(child, reference)) {
            return;
        }
        Object object = child.object();
        Object current = reference.get(object);
        Object previous = child.references == null ? null : child.references.get(reference);
        if (current == previous) {
            return;
        }
        if (previous != null && oneToOne.get(previous) == object
                && !Relationships.changedSinceLoaded(Session.inspect(previous), oneToOne)) {
            oneToOne.set(previous, null);
        }
        if (current != null && oneToOne.get(current) != object) {
            InstanceState owner = Session.inspect(current);
            if (Relationships.changedSinceLoaded(owner, oneToOne)) {
                throw disagreeOneToOne(child, reference, owner, oneToOne);
            }
            oneToOne.set(current, object);
        }
    }

    /**
     * The owner's side of a one-to-one changed ({@code bob.setPassport(passport)}): the object names its new
     * owner, and its old owner no longer holds it, unless the object's own field changed too.
     */
    private static void oneToOne(InstanceState owner, RelationshipProperty oneToOne, RelationshipProperty reference) {
        if (Relationships.discardedChange(owner, oneToOne)) {
            return;
        }
        Object ownerObject = owner.object();
        Object current = oneToOne.get(ownerObject);
        Object previous = owner.references == null ? null : owner.references.get(oneToOne);
        if (current == previous || current == null) {
            return;
        }
        Object formerOwner = reference.get(current);
        if (formerOwner == ownerObject) {
            return;
        }
        InstanceState element = Session.inspect(current);
        if (Relationships.changedSinceLoaded(element, reference)) {
            throw disagreeOneToOne(element, reference, owner, oneToOne);
        }
        if (formerOwner != null && oneToOne.get(formerOwner) == current) {
            oneToOne.set(formerOwner, null);
        }
        reference.set(current, ownerObject);
    }

    /** Elements added or removed on one side of a many-to-many show on the other side's loaded collection. */
    private static void manyToMany(InstanceState owner, RelationshipProperty relationship, RelationshipProperty back) {
        RelatedCollection collection = owner.collections == null ? null : owner.collections.get(relationship);
        if (collection == null) {
            return;
        }
        Object ownerObject = owner.object();
        for (Object element : new ArrayList<>(collection.added)) {
            RelatedCollection other = loadedCollection(element, back);
            if (other == null) {
                continue;
            }
            if (other.removed.contains(ownerObject)) {
                throw disagreeManyToMany(owner, relationship, element, back, "added", "removed");
            }
            // Both sides recorded the pair (two new objects listing each other): one association row.
            other.added.remove(ownerObject);
            if (!other.elements.contains(ownerObject)) {
                other.elements.add(ownerObject);
            }
        }
        for (Object element : new ArrayList<>(collection.removed)) {
            RelatedCollection other = loadedCollection(element, back);
            if (other == null) {
                continue;
            }
            if (other.added.contains(ownerObject)) {
                throw disagreeManyToMany(owner, relationship, element, back, "removed", "added");
            }
            other.removed.remove(ownerObject);
            other.elements.remove(ownerObject);
        }
    }

    private static RelatedCollection loadedCollection(Object parent, RelationshipProperty relationship) {
        if (parent == null) {
            return null;
        }
        InstanceState state = Session.inspect(parent);
        RelatedCollection collection = state.collections == null ? null : state.collections.get(relationship);
        return collection != null && collection.loaded ? collection : null;
    }

    private static InvalidRequestException disagree(InstanceState child, RelationshipProperty manyToOne, Object parent,
                                                    RelatedCollection collection, String what) {
        String target = parent == null ? "null" : Session.describe(Session.inspect(parent));
        return new InvalidRequestException("ATH-E133", "The two sides of " + manyToOne + " / "
                + collection.relationship + " disagree about " + Session.describe(child) + ": " + manyToOne
                + " names " + target + ", but " + Session.describe(child) + " was " + what + " "
                + Session.describe(collection.owner) + "." + collection.relationship.name() + " since it was loaded."
                + " Change one side only (the other follows at flush), or make both name the same parent. Nothing"
                + " was written.");
    }

    private static InvalidRequestException disagreeOneToOne(InstanceState child, RelationshipProperty reference,
                                                            InstanceState owner, RelationshipProperty oneToOne) {
        Object named = reference.get(child.object());
        Object held = oneToOne.get(owner.object());
        return new InvalidRequestException("ATH-E133", "The two sides of " + reference + " / " + oneToOne
                + " disagree: " + reference + " of " + Session.describe(child) + " names "
                + (named == null ? "null" : Session.describe(Session.inspect(named))) + ", while " + oneToOne + " of "
                + Session.describe(owner) + " holds " + (held == null ? "null" : Session.describe(Session.inspect(held)))
                + "; both changed since they were loaded. Change one side only (the other follows at flush), or make"
                + " both agree. Nothing was written.");
    }

    private static InvalidRequestException disagreeManyToMany(InstanceState owner, RelationshipProperty relationship,
                                                              Object element, RelationshipProperty back,
                                                              String done, String undone) {
        InstanceState elementState = Session.inspect(element);
        return new InvalidRequestException("ATH-E133", "The two sides of " + relationship + " / " + back
                + " disagree: " + Session.describe(elementState) + " was " + done + " in "
                + Session.describe(owner) + "." + relationship.name() + " while " + Session.describe(owner)
                + " was " + undone + " in " + Session.describe(elementState) + "." + back.name() + ". Change one side"
                + " only (the other follows at flush), or make both agree. Nothing was written.");
    }
}
