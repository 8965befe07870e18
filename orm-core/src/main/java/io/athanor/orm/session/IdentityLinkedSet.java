package io.athanor.orm.session;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A set of objects compared by identity that iterates in the order they were added: a session's pending
 * objects, which are INSERTed in that order, and those marked for deletion. Not thread-safe; its iterators
 * fail fast when the set is changed other than through them.
 *
 * <p>Why not {@code LinkedHashSet}: a flush of 10,000 new objects spent a sixth of its own time adding
 * them to one, removing them as they were inserted and copying it into lists, walking a linked node per
 * object each time. Here the objects sit in one array in order (a removed one leaves a hole, closed when
 * holes make up half of it) and an {@link IdentityTable} gives each one's place.
 *
 * @param <E> the elements
 */
final class IdentityLinkedSet<E> extends AbstractSet<E> {

    private static final Object[] EMPTY = {};

    private Object[] order = EMPTY;
    /** The slot after the last element added; holes below it are removed elements. */
    private int end;
    private final IdentityTable<E, Integer> places = new IdentityTable<>();
    private int modifications;

    @Override
    public int size() {
        return places.size();
    }

    @Override
    public boolean isEmpty() {
        return places.size() == 0;
    }

    @Override
    public boolean contains(Object element) {
        return places.get(element) != null;
    }

    @Override
    public boolean add(E element) {
        if (element == null) {
            throw new NullPointerException("null element");
        }
        if (places.get(element) != null) {
            return false;
        }
        if (end == order.length) {
            makeRoom();
        }
        order[end] = element;
        places.put(element, end);
        end++;
        modifications++;
        return true;
    }

    @Override
    public boolean remove(Object element) {
        Integer place = places.remove(element);
        if (place == null) {
            return false;
        }
        order[place] = null;
        modifications++;
        return true;
    }

    @Override
    public void clear() {
        order = EMPTY;
        end = 0;
        places.clear();
        modifications++;
    }

    @Override
    public Object[] toArray() {
        Object[] elements = new Object[places.size()];
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (order[i] != null) {
                elements[count++] = order[i];
            }
        }
        return elements;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int next = skipHoles(0);
            private int last = -1;
            private int expected = modifications;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (expected != modifications) {
                    throw new ConcurrentModificationException();
                }
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                last = next;
                next = skipHoles(next + 1);
                return (E) order[last];
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException();
                }
                if (expected != modifications) {
                    throw new ConcurrentModificationException();
                }
                IdentityLinkedSet.this.remove(order[last]);
                last = -1;
                expected = modifications;
            }
        };
    }

    private int skipHoles(int from) {
        int i = from;
        while (i < end && order[i] == null) {
            i++;
        }
        return i;
    }

    /** At the end of the array: close the holes when they are half of it, else grow it. */
    private void makeRoom() {
        int live = places.size();
        if (live * 2 <= end && end > 0) {
            int count = 0;
            for (int i = 0; i < end; i++) {
                Object element = order[i];
                if (element != null) {
                    order[count] = element;
                    @SuppressWarnings("unchecked")
                    E moved = (E) element;
                    places.put(moved, count);
                    count++;
                }
            }
            Arrays.fill(order, count, end, null);
            end = count;
        }
        if (end == order.length) {
            order = Arrays.copyOf(order, Math.max(8, order.length * 2));
        }
    }
}
