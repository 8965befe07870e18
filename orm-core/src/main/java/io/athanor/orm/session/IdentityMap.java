package io.athanor.orm.session;

import io.athanor.orm.mapping.Mapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object per (class, primary key) in a session. Keys are the identity values themselves (a
 * {@code Long} for a one-column key), so a lookup allocates nothing.
 */
final class IdentityMap {

    // Sized for the usual session, which holds objects of a few classes: the default table (64 slots) was a
    // large part of what opening a session allocated.
    private final Map<Mapper<?>, Map<Object, InstanceState>> byMapper = new IdentityHashMap<>(4);
    private int size;
    // A query loads rows of one class after another: the map of the class last asked for answers without a
    // look-up in byMapper (a profile of 10,000 loaded rows showed the look-up and its lambda on every row).
    private Mapper<?> lastMapper;
    private Map<Object, InstanceState> lastStates;

    InstanceState get(Mapper<?> mapper, Object key) {
        Map<Object, InstanceState> states = statesOf(mapper, false);
        return states == null ? null : states.get(key);
    }

    void put(InstanceState state) {
        InstanceState previous = statesOf(state.mapper, true).put(state.key, state);
        if (previous == null) {
            size++;
        }
    }

    /**
     * Sizes the table of {@code mapper}'s objects for {@code more} of them at once (a flush inserting
     * 10,000 objects), instead of growing it a dozen times on the way; only when the growth would at
     * least double the table anyway.
     */
    void makeRoomFor(Mapper<?> mapper, int more) {
        Map<Object, InstanceState> states = byMapper.get(mapper);
        int present = states == null ? 0 : states.size();
        if (more < 64 || more < present) {
            return;
        }
        Map<Object, InstanceState> bigger = new HashMap<>(capacityFor(present + more));
        if (states != null) {
            bigger.putAll(states);
        }
        byMapper.put(mapper, bigger);
        if (lastMapper == mapper) {
            lastStates = bigger;
        }
    }

    /** The initial capacity of a hash table that holds {@code entries} without growing. */
    static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private Map<Object, InstanceState> statesOf(Mapper<?> mapper, boolean create) {
        if (mapper == lastMapper) {
            return lastStates;
        }
        Map<Object, InstanceState> states = byMapper.get(mapper);
        if (states == null) {
            if (!create) {
                return null;
            }
            states = new HashMap<>();
            byMapper.put(mapper, states);
        }
        lastMapper = mapper;
        lastStates = states;
        return states;
    }

    void remove(InstanceState state) {
        Map<Object, InstanceState> states = byMapper.get(state.mapper);
        if (states != null && states.get(state.key) == state) {
            states.remove(state.key);
            size--;
        }
    }

    int count(Mapper<?> mapper) {
        Map<Object, InstanceState> states = byMapper.get(mapper);
        return states == null ? 0 : states.size();
    }

    List<InstanceState> all() {
        List<InstanceState> all = new ArrayList<>(size);
        for (Map<Object, InstanceState> states : byMapper.values()) {
            all.addAll(states.values());
        }
        return all;
    }

    /** The states of the classes {@code mappers} accepts, without looking at the others' states. */
    List<InstanceState> allOf(java.util.function.Predicate<Mapper<?>> mappers) {
        List<InstanceState> all = null;
        for (Map.Entry<Mapper<?>, Map<Object, InstanceState>> entry : byMapper.entrySet()) {
            if (!entry.getValue().isEmpty() && mappers.test(entry.getKey())) {
                if (all == null) {
                    all = new ArrayList<>(entry.getValue().size());
                }
                all.addAll(entry.getValue().values());
            }
        }
        return all == null ? List.of() : all;
    }

    /** Whether every state passes {@code test}; stops at the first that does not, and copies nothing. */
    boolean allMatch(java.util.function.Predicate<InstanceState> test) {
        for (Map<Object, InstanceState> states : byMapper.values()) {
            for (InstanceState state : states.values()) {
                if (!test.test(state)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Visits every state without copying them into a list. */
    void forEach(java.util.function.Consumer<InstanceState> action) {
        for (Map<Object, InstanceState> states : byMapper.values()) {
            states.values().forEach(action);
        }
    }

    int size() {
        return size;
    }

    void clear() {
        byMapper.clear();
        lastMapper = null;
        lastStates = null;
        size = 0;
    }
}
