package io.athanor.orm.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session's pending objects: identity, the order they were added, holes closed without reordering. */
class IdentityLinkedSetTest {

    @Test
    void elementsComeBackInTheOrderTheyWereAdded() {
        IdentityLinkedSet<String> set = new IdentityLinkedSet<>();
        set.add("c");
        set.add("a");
        set.add("b");

        assertThat(new ArrayList<>(set)).containsExactly("c", "a", "b");
        assertThat(set.toArray()).containsExactly("c", "a", "b");
    }

    @Test
    void anEqualButDistinctElementIsAnotherElement() {
        IdentityLinkedSet<List<String>> set = new IdentityLinkedSet<>();
        List<String> first = new ArrayList<>(List.of("a"));
        List<String> copy = new ArrayList<>(List.of("a"));

        assertThat(set.add(first)).isTrue();
        assertThat(set.add(first)).isFalse();
        assertThat(set.add(copy)).isTrue();

        assertThat(set).hasSize(2);
        assertThat(set.contains(copy)).isTrue();
    }

    @Test
    void aRemovedElementThatIsAddedAgainGoesLast() {
        IdentityLinkedSet<String> set = new IdentityLinkedSet<>();
        set.add("a");
        set.add("b");

        assertThat(set.remove("a")).isTrue();
        assertThat(set.remove("a")).isFalse();
        set.add("a");

        assertThat(new ArrayList<>(set)).containsExactly("b", "a");
    }

    @Test
    void theIteratorRemovesTheElementItReturned() {
        IdentityLinkedSet<String> set = new IdentityLinkedSet<>();
        set.addAll(List.of("a", "b", "c"));

        for (Iterator<String> iterator = set.iterator(); iterator.hasNext(); ) {
            if (iterator.next().equals("b")) {
                iterator.remove();
            }
        }

        assertThat(new ArrayList<>(set)).containsExactly("a", "c");
    }

    @Test
    void addingWhileIteratingFailsFast() {
        IdentityLinkedSet<String> set = new IdentityLinkedSet<>();
        set.addAll(List.of("a", "b"));
        Iterator<String> iterator = set.iterator();
        iterator.next();

        set.add("c");

        assertThatThrownBy(iterator::next).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void tenThousandRandomAddsAndRemovesKeepLinkedHashSetOrder() {
        // Holes are closed as the array fills: the order must be the one LinkedHashSet keeps.
        IdentityLinkedSet<Object> set = new IdentityLinkedSet<>();
        LinkedHashSet<Object> expected = new LinkedHashSet<>();
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            elements.add(new Object());
        }
        Random random = new Random(20261207);
        for (int operation = 0; operation < 10_000; operation++) {
            Object element = elements.get(random.nextInt(elements.size()));
            if (random.nextInt(3) == 0) {
                assertThat(set.remove(element)).isEqualTo(expected.remove(element));
            } else {
                assertThat(set.add(element)).isEqualTo(expected.add(element));
            }
        }
        assertThat(new ArrayList<>(set)).containsExactlyElementsOf(expected);
        assertThat(set).hasSize(expected.size());
        set.clear();
        assertThat(set).isEmpty();
    }
}
