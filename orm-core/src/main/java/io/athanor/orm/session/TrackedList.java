package io.athanor.orm.session;

import java.util.AbstractList;

/**
 * The {@code List} Athanor puts into a one-to-many field: it loads its elements on first access and
 * keeps the other side of the relationship in step as elements are added and removed. Application code
 * uses it as any {@code java.util.List}.
 */
final class TrackedList extends AbstractList<Object> {

    final RelatedCollection state;

    TrackedList(RelatedCollection state) {
        this.state = state;
    }

    @Override
    public Object get(int index) {
        state.ensureLoaded();
        return state.elements.get(index);
    }

    @Override
    public int size() {
        state.ensureLoaded();
        return state.elements.size();
    }

    @Override
    public Object set(int index, Object element) {
        state.ensureLoaded();
        Object previous = state.elements.set(index, element);
        state.removedElement(previous);
        state.added(element);
        return previous;
    }

    @Override
    public void add(int index, Object element) {
        state.ensureLoaded();
        state.elements.add(index, element);
        state.added(element);
    }

    @Override
    public Object remove(int index) {
        state.ensureLoaded();
        Object removed = state.elements.remove(index);
        state.removedElement(removed);
        return removed;
    }

    @Override
    public String toString() {
        return state.loaded ? super.toString() : "[not loaded: " + state.relationship + "]";
    }
}
