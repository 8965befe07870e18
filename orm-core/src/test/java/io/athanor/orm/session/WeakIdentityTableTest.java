package io.athanor.orm.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table behind {@link DetachedObjects}: values recorded per object by identity, never by
 * {@code equals}; removed (and collected) objects leave dead entries that a rebuild drops.
 */
class WeakIdentityTableTest {

    @Test
    void aRecordedObjectIsFoundByIdentity() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>();
        Object object = new Object();

        table.put(object, "left session 1");

        assertThat(table.get(object)).isEqualTo("left session 1");
    }

    @Test
    void anEqualButDistinctObjectIsNotFound() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>();
        List<String> recorded = new ArrayList<>(List.of("a"));
        List<String> equalCopy = new ArrayList<>(List.of("a"));

        table.put(recorded, "recorded");

        assertThat(equalCopy).isEqualTo(recorded);
        assertThat(table.get(equalCopy)).isNull();
    }

    @Test
    void recordingAnObjectAgainReplacesItsValueInTheSameEntry() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>();
        Object object = new Object();

        table.put(object, "first");
        table.put(object, "second");

        assertThat(table.get(object)).isEqualTo("second");
        assertThat(table.used()).isEqualTo(1);
    }

    @Test
    void aRemovedObjectIsNoLongerFoundAndTheOthersStillAre() {
        WeakIdentityTable<Integer> table = new WeakIdentityTable<>();
        List<Object> objects = objects(40);
        for (int i = 0; i < objects.size(); i++) {
            table.put(objects.get(i), i);
        }

        table.remove(objects.get(7));

        assertThat(table.get(objects.get(7))).isNull();
        for (int i = 0; i < objects.size(); i++) {
            if (i != 7) {
                assertThat(table.get(objects.get(i))).isEqualTo(i);
            }
        }
        assertThat(table.live()).isEqualTo(39);
    }

    @Test
    void aRebuildDropsDeadEntriesAndKeepsEveryLiveOne() {
        WeakIdentityTable<Integer> table = new WeakIdentityTable<>();
        List<Object> removed = objects(30);
        for (Object object : removed) {
            table.put(object, 0);
        }
        removed.forEach(table::remove);
        List<Object> kept = objects(10_000);

        for (int i = 0; i < kept.size(); i++) {
            table.put(kept.get(i), i);
        }

        // The 30 dead entries went at the first rebuild: only the live ones occupy slots.
        assertThat(table.used()).isEqualTo(10_000);
        assertThat(table.live()).isEqualTo(10_000);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(table.get(kept.get(i))).isEqualTo(i);
        }
        for (Object object : removed) {
            assertThat(table.get(object)).isNull();
        }
    }

    @Test
    void anEmptyTableFindsNothingAndRemovingFromItChangesNothing() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>();
        Object object = new Object();

        table.remove(object);

        assertThat(table.get(object)).isNull();
        assertThat(table.used()).isZero();
    }

    private static List<Object> objects(int count) {
        List<Object> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(new Object());
        }
        return objects;
    }
}
