package io.athanor.orm.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of a session's states by object: identity, not equality; removals leave every other entry reachable. */
class IdentityTableTest {

    @Test
    void aValueIsFoundByTheIdentityOfItsKey() {
        IdentityTable<Object, String> table = new IdentityTable<>();
        List<String> key = new ArrayList<>(List.of("a"));

        table.put(key, "state");

        assertThat(table.get(key)).isEqualTo("state");
        assertThat(table.get(new ArrayList<>(List.of("a")))).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void putReplacesAndReturnsThePreviousValue() {
        IdentityTable<Object, String> table = new IdentityTable<>();
        Object key = new Object();

        assertThat(table.put(key, "first")).isNull();
        assertThat(table.put(key, "second")).isEqualTo("first");

        assertThat(table.get(key)).isEqualTo("second");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void removeReturnsTheValueAndForgetsTheKey() {
        IdentityTable<Object, String> table = new IdentityTable<>();
        Object key = new Object();
        table.put(key, "state");

        assertThat(table.remove(key)).isEqualTo("state");
        assertThat(table.remove(key)).isNull();

        assertThat(table.get(key)).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void clearEmptiesTheTableWhichCanBeFilledAgain() {
        IdentityTable<Object, String> table = new IdentityTable<>();
        Object key = new Object();
        table.put(key, "state");

        table.clear();

        assertThat(table.get(key)).isNull();
        assertThat(table.size()).isZero();
        table.put(key, "again");
        assertThat(table.get(key)).isEqualTo("again");
    }

    @Test
    void aHundredThousandRandomOperationsAgreeWithIdentityHashMap() {
        // Growth and removals in the middle of probe runs: every key must stay reachable, as in the JDK's map.
        IdentityTable<Object, Integer> table = new IdentityTable<>();
        Map<Object, Integer> expected = new IdentityHashMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(new Object());
        }
        Random random = new Random(20261207);
        for (int operation = 0; operation < 100_000; operation++) {
            Object key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(3)) {
                case 0 -> assertThat(table.put(key, operation)).isEqualTo(expected.put(key, operation));
                case 1 -> assertThat(table.remove(key)).isEqualTo(expected.remove(key));
                default -> assertThat(table.get(key)).isEqualTo(expected.get(key));
            }
        }
        assertThat(table.size()).isEqualTo(expected.size());
        for (Object key : keys) {
            assertThat(table.get(key)).isEqualTo(expected.get(key));
        }
    }
}
