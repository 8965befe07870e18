package io.athanor.orm.session;

import io.athanor.orm.mapping.ColumnAttribute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the unit of work changed inside one savepoint, so that rolling the savepoint back can restore
 * the objects exactly: the values an object had when the savepoint began, the objects it inserted
 * and deleted, the objects added to the session since, and the identity keys bulk UPDATEs changed.
 *
 * <p>A savepoint the session begins itself ({@link Session#beginNested()}) flushes first, so nothing is
 * unflushed when it starts. A savepoint that a transaction manager begins (Spring's
 * {@code Propagation.NESTED}) can start with objects still pending, marked for deletion or changed;
 * {@link #recordUnflushedWork} notes them, so that a rollback gives them back as they were instead of
 * dropping work the outer transaction had not flushed yet.
 */
final class SavepointJournal {

    final Map<InstanceState, Object[]> valuesAtStart = new IdentityHashMap<>();
    final List<InstanceState> inserted = new ArrayList<>();
    final List<InstanceState> deleted = new ArrayList<>();
    final List<InstanceState> added = new ArrayList<>();
    final KeySwitches keySwitches = new KeySwitches();
    /** Objects pending when the savepoint began: an INSERT of theirs undone leaves them pending. */
    private final Set<InstanceState> pendingAtStart = new LinkedHashSet<>();
    /** Objects marked for deletion when the savepoint began: they stay marked. */
    private final Set<InstanceState> markedAtStart = new LinkedHashSet<>();
    /** The field values of objects changed but not flushed when the savepoint began. */
    private final Map<InstanceState, Object[]> fieldsAtStart = new IdentityHashMap<>();

    void recordUpdate(InstanceState state) {
        valuesAtStart.putIfAbsent(state, state.snapshot.clone());
    }

    /**
     * Notes the session's unflushed work as the savepoint begins, for a savepoint begun without a flush.
     *
     * @param pending the pending objects
     * @param marked the objects marked for deletion
     * @param persistent the persistent objects, whose changed fields are kept
     */
    void recordUnflushedWork(Collection<InstanceState> pending, Collection<InstanceState> marked,
                             Collection<InstanceState> persistent) {
        pendingAtStart.addAll(pending);
        markedAtStart.addAll(marked);
        for (InstanceState state : persistent) {
            if (state.snapshot == null) {
                continue;
            }
            Object[] fields = UnitOfWork.snapshotOf(state.mapper.attributes(), state.object());
            for (int i = 0; i < fields.length; i++) {
                if (!EntityLoader.same(fields[i], state.snapshot[i])) {
                    fieldsAtStart.put(state, fields);
                    break;
                }
            }
        }
    }

    /** On RELEASE, the outer savepoint takes over what this one recorded. */
    void mergeInto(SavepointJournal outer) {
        valuesAtStart.forEach(outer.valuesAtStart::putIfAbsent);
        outer.inserted.addAll(inserted);
        outer.deleted.addAll(deleted);
        outer.added.addAll(added);
        keySwitches.mergeInto(outer.keySwitches);
    }

    /**
     * Puts the session's objects back as they were when the savepoint began, after the database rolled
     * back to it: objects deleted since are persistent again, objects inserted since lose their row (and
     * the keys the database handed out), objects added since leave the session, and every persistent
     * object gets back the values it had.
     *
     * @param session the session's collections to restore
     */
    void restore(SessionObjects session) {
        keySwitches.undo(session.identityMap());
        for (InstanceState state : deleted) {
            state.status = InstanceState.Status.PERSISTENT;
            session.identityMap().put(state);
            session.deletedInTransaction().remove(state);
        }
        for (InstanceState state : inserted) {
            session.insertedInTransaction().remove(state);
            session.forgetInsert().accept(state);
            if (pendingAtStart.contains(state)) {
                // Added before the savepoint: its INSERT belongs to a later flush of the outer transaction.
                state.status = InstanceState.Status.PENDING;
                state.attach(session.session(), state.object());
                session.pending().add(state);
            }
        }
        for (InstanceState state : added) {
            if (session.pending().remove(state)) {
                state.status = InstanceState.Status.TRANSIENT;
                state.detach();
            }
        }
        for (InstanceState state : session.markedForDeletion()) {
            state.markedForDeletion = false;
        }
        session.markedForDeletion().clear();
        for (InstanceState state : markedAtStart) {
            if (state.session == session.session() && state.status == InstanceState.Status.PERSISTENT) {
                state.markedForDeletion = true;
                session.markedForDeletion().add(state);
            }
        }
        for (InstanceState state : session.identityMap().all()) {
            Object[] values = valuesAtStart.getOrDefault(state, state.snapshot);
            Object[] fields = fieldsAtStart.getOrDefault(state, values);
            Object object = state.object();
            for (ColumnAttribute attribute : state.mapper.attributes()) {
                Object value = fields[attribute.index()];
                if (value != InstanceState.UNKNOWN && !EntityLoader.same(attribute.get(object), value)) {
                    attribute.set(object, value);
                }
            }
            state.snapshot = values.clone();
        }
    }

    /**
     * The parts of a session that a savepoint rollback puts back, and its way of undoing an INSERT (the
     * object becomes transient, its generated values cleared).
     */
    record SessionObjects(Session session, IdentityMap identityMap, Set<InstanceState> pending,
                          Set<InstanceState> markedForDeletion, List<InstanceState> insertedInTransaction,
                          List<InstanceState> deletedInTransaction, Consumer<InstanceState> forgetInsert) {
    }
}
