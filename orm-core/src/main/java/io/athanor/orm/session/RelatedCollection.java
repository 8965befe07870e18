package io.athanor.orm.session;

import io.athanor.orm.DetachedInstanceException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.RelationshipProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * What Athanor's own collections share: the owner and relationship, whether the elements are loaded,
 * the elements, and the ones removed since the last flush (for delete-orphan and for nulling foreign
 * keys). Adding an element sets its many-to-one back to the owner at once; removing clears it.
 */
final class RelatedCollection {

    final InstanceState owner;
    final RelationshipProperty relationship;
    final List<Object> elements = new ArrayList<>();
    final List<Object> removed = new ArrayList<>();
    /**
     * Elements added since the collection was loaded or last flushed: for a many-to-many, those whose
     * association rows are still to insert; for a one-to-many, what tells a collection changed since
     * loaded from one that was not ({@link Backrefs}).
     */
    final List<Object> added = new ArrayList<>();
    boolean loaded;
    private LoadStrategy strategy;

    RelatedCollection(InstanceState owner, RelationshipProperty relationship, boolean loaded, LoadStrategy strategy) {
        this.owner = owner;
        this.relationship = relationship;
        this.loaded = loaded;
        this.strategy = strategy;
    }

    void strategy(LoadStrategy strategy) {
        this.strategy = strategy;
    }

    /** Loads the elements on first access, lazily, through the owner's session. */
    void ensureLoaded() {
        if (loaded) {
            return;
        }
        if (strategy == LoadStrategy.RAISE) {
            throw new InvalidRequestException("ATH-E090", "'" + relationship + "' is not available due to lazy=RAISE;"
                    + " load it with the query, e.g. .options(Load.selectin(\"" + relationship.name() + "\")).");
        }
        Session session = owner.session;
        if (session == null || session.isClosed()) {
            throw new DetachedInstanceException("ATH-E092", Session.describe(owner) + " is not bound to a Session;"
                    + " lazy load of '" + relationship.name() + "' cannot proceed. Load it before the session closes"
                    + " (Load.selectin(\"" + relationship.name() + "\") or read it first), or re-attach the object"
                    + " with session.add().");
        }
        session.loadCollection(this);
    }

    /**
     * Forgets the elements and the changes not flushed: the next access loads the collection again (a
     * {@code NOLOAD} one stays empty and loaded).
     */
    void unload() {
        undoOtherSide();
        elements.clear();
        added.clear();
        removed.clear();
        loaded = strategy == LoadStrategy.NOLOAD;
    }

    /**
     * Discarding the changes not flushed discards what they did to the other side when they were made: a
     * persistent element removed gets its many-to-one back, one added gets the one it had when loaded; a
     * many-to-many's loaded mirror collection loses or regains the owner. A pending element keeps its
     * parent: it is new, and it came into the session through this collection.
     */
    private void undoOtherSide() {
        RelationshipProperty back = relationship.backPopulates();
        if (back == null || (added.isEmpty() && removed.isEmpty())) {
            return;
        }
        Object ownerObject = owner.object();
        if (manyToMany()) {
            for (Object element : added) {
                mirror(element, false);
            }
            for (Object element : removed) {
                mirror(element, true);
            }
            return;
        }
        for (Object element : removed) {
            if (back.get(element) == null && Session.inspect(element).isPersistent()) {
                back.set(element, ownerObject);
            }
        }
        for (Object element : added) {
            InstanceState state = Session.inspect(element);
            if (back.get(element) == ownerObject && state.isPersistent()) {
                back.set(element, state.references == null ? null : state.references.get(back));
            }
        }
    }

    /** Fills the collection from the database without treating the elements as additions. */
    void fill(List<?> loadedElements) {
        elements.clear();
        elements.addAll(loadedElements);
        removed.clear();
        added.clear();
        loaded = true;
    }

    private boolean manyToMany() {
        return relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY;
    }

    void added(Object element) {
        boolean wasRemoved = removed.remove(element);
        RelationshipProperty back = relationship.backPopulates();
        Object ownerObject = owner.object();
        // A many-to-many element is recorded once (one association row); a one-to-many's record only tells
        // that the collection changed, so it skips the linear look-up that would make bulk adds quadratic.
        if (!wasRemoved && (!manyToMany() || !added.contains(element))) {
            added.add(element);
        }
        if (manyToMany()) {
            mirror(element, true);
        } else if (back != null && element != null && back.get(element) != ownerObject) {
            back.set(element, ownerObject);
        }
        Session session = owner.session;
        if (session != null && !session.isClosed() && relationship.cascades(io.athanor.orm.mapping.Cascade.SAVE_UPDATE)) {
            session.cascadeAdd(element);
        }
    }

    void removedElement(Object element) {
        // For a one-to-many the record of additions only tells that the collection changed: no linear removal.
        boolean wasAdded = manyToMany() && added.remove(element);
        if (manyToMany() && wasAdded) {
            mirror(element, false);
            return;
        }
        // A one-to-many element added and removed again is still a removal: a pending orphan is expunged.
        if (!removed.contains(element)) {
            removed.add(element);
        }
        if (manyToMany()) {
            mirror(element, false);
            return;
        }
        RelationshipProperty back = relationship.backPopulates();
        if (back != null && element != null && back.get(element) == owner.object()) {
            back.set(element, null);
        }
    }

    /** Keeps a loaded mirror collection of a many-to-many in step, without recording a second change. */
    private void mirror(Object element, boolean add) {
        RelationshipProperty back = relationship.backPopulates();
        InstanceState elementState = Session.inspect(element);
        if (back == null || elementState.collections == null) {
            return;
        }
        RelatedCollection other = elementState.collections.get(back);
        if (other == null || !other.loaded) {
            return;
        }
        Object ownerObject = owner.object();
        if (add && !other.elements.contains(ownerObject)) {
            other.elements.add(ownerObject);
        } else if (!add) {
            other.elements.remove(ownerObject);
        }
    }
}
