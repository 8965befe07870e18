package io.athanor.orm.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the unit of work changed inside one savepoint, so that rolling the savepoint back can restore
 * the objects exactly: the values an object had when the savepoint began, the objects it inserted
 * and deleted, the objects added to the session since, and the identity keys bulk UPDATEs changed.
 */
final class SavepointJournal {

    final Map<InstanceState, Object[]> valuesAtStart = new IdentityHashMap<>();
    final List<InstanceState> inserted = new ArrayList<>();
    final List<InstanceState> deleted = new ArrayList<>();
    final List<InstanceState> added = new ArrayList<>();
    final KeySwitches keySwitches = new KeySwitches();

    void recordUpdate(InstanceState state) {
        valuesAtStart.putIfAbsent(state, state.snapshot.clone());
    }

    /** On RELEASE, the outer savepoint takes over what this one recorded. */
    void mergeInto(SavepointJournal outer) {
        valuesAtStart.forEach(outer.valuesAtStart::putIfAbsent);
        outer.inserted.addAll(inserted);
        outer.deleted.addAll(deleted);
        outer.added.addAll(added);
        keySwitches.mergeInto(outer.keySwitches);
    }
}
