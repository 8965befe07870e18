package io.athanor.orm.session;

import java.util.AbstractSet;
import java.util.Iterator;

/** The {@code Set} counterpart of {@link TrackedList}, keeping insertion order. */
final class TrackedSet extends AbstractSet<Object> {

    final RelatedCollection state;

    TrackedSet(RelatedCollection state) {
        this.state = state;
    }

    @Override
    public Iterator<Object> iterator() {
        state.ensureLoaded();
        Iterator<Object> elements = state.elements.iterator();
        return new Iterator<>() {
            private Object current;

            @Override
            public boolean hasNext() {
                return elements.hasNext();
            }

            @Override
            public Object next() {
                current = elements.next();
                return current;
            }

            @Override
            public void remove() {
                elements.remove();
                state.removedElement(current);
            }
        };
    }

    @Override
    public int size() {
        state.ensureLoaded();
        return state.elements.size();
    }

    @Override
    public boolean add(Object element) {
        state.ensureLoaded();
        if (state.elements.contains(element)) {
            return false;
        }
        state.elements.add(element);
        state.added(element);
        return true;
    }

    @Override
    public String toString() {
        return state.loaded ? super.toString() : "[not loaded: " + state.relationship + "]";
    }
}
