package io.athanor.orm.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity keys that bulk UPDATEs changed in one transaction or savepoint, each with the key the object
 * had before, so that rolling back files the objects under their old keys again: the rolled-back rows
 * have those keys once more (SQLAlchemy's {@code SessionTransaction._key_switches}).
 */
final class KeySwitches {

    /** Made on the first switch: every session has one, and bulk UPDATEs of keys are rare. */
    private Map<InstanceState, Object> keysBefore;

    /** Remembers the object's key before its first switch here. */
    void record(InstanceState state) {
        if (keysBefore == null) {
            keysBefore = new IdentityHashMap<>();
        }
        keysBefore.putIfAbsent(state, state.key);
    }

    /** On RELEASE of a savepoint, the enclosing one takes over what this one remembered. */
    void mergeInto(KeySwitches outer) {
        if (keysBefore != null) {
            keysBefore.forEach((state, key) -> {
                if (outer.keysBefore == null) {
                    outer.keysBefore = new IdentityHashMap<>();
                }
                outer.keysBefore.putIfAbsent(state, key);
            });
        }
    }

    /**
     * Gives every object its old key back, and files those the identity map holds under it. All are taken
     * out before any is put back, since one object's old key may be another's new one.
     */
    void undo(IdentityMap identityMap) {
        if (keysBefore == null || keysBefore.isEmpty()) {
            return;
        }
        List<InstanceState> filed = new ArrayList<>();
        for (InstanceState state : keysBefore.keySet()) {
            if (identityMap.get(state.mapper, state.key) == state) {
                identityMap.remove(state);
                filed.add(state);
            }
        }
        keysBefore.forEach((state, key) -> state.key = key);
        filed.forEach(identityMap::put);
        keysBefore.clear();
    }

    void clear() {
        if (keysBefore != null) {
            keysBefore.clear();
        }
    }
}
