package io.athanor.orm.session;

import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;

import java.util.List;

/**
 * The objects that left a session with a row (its session closed, or they were expunged), so that
 * {@code add()} tells a detached object from a new one whose key the application chose, as SQLAlchemy
 * does with the state it keeps on each object. A detached object is UPDATEd with the changes made since
 * it was last loaded or flushed (none: no statement); a new one is INSERTed, with its chosen key.
 *
 * <p>This is a process-wide table, the second unavoidable global besides {@link OpenSessions}: a detached
 * object belongs to no session, and Athanor does not change the application's classes to keep the mark
 * on the object itself. Objects are held weakly, by identity (never by {@code equals}), with the values
 * they had when they left; an entry goes when its object is garbage.
 *
 * <p>Only classes whose objects cannot be told apart by their fields are recorded: those with a single
 * database-generated key or a {@code @Version}. The cost is paid when a session closes, per object of
 * those classes, never while rows are loaded. Objects of a class with an assigned key and no
 * {@code @Version} are not recorded (a read of many rows pays nothing): {@code add()} INSERTs them, and
 * {@code merge()} is the way to write a copy of an existing row.
 */
final class DetachedObjects {

    /** What was known of an object when it left its session. */
    record Known(Object key, Object[] snapshot) {
    }

    private static final WeakIdentityTable<Known> KNOWN = new WeakIdentityTable<>();

    private DetachedObjects() {
    }

    /** Whether objects of this class are recorded when they leave a session. */
    static boolean recorded(Mapper<?> mapper) {
        if (mapper.versionAttribute() != null) {
            return true;
        }
        List<ColumnAttribute> key = mapper.primaryKeyAttributes();
        return key.size() == 1 && key.get(0).generated();
    }

    /** Records persistent states leaving their session: their identity and their values as last loaded or flushed. */
    static void remember(List<InstanceState> leaving) {
        if (leaving.isEmpty()) {
            return;
        }
        synchronized (KNOWN) {
            for (InstanceState state : leaving) {
                Object object = state.object();
                if (object != null && state.key != null) {
                    // Expired with changes to discard (rollback, expire): what the row holds is not known.
                    Object[] snapshot = state.valuesAtExpiry != null || state.snapshot == null ? null : state.snapshot;
                    KNOWN.put(object, new Known(state.key, snapshot));
                }
            }
        }
    }

    /**
     * The state of an object in no session: detached when it left a session with the identity its key fields
     * still hold (or, for a versioned class never seen here, when its version is set); null when it is new.
     */
    static InstanceState stateOf(Object object, Mapper<?> mapper) {
        if (!recorded(mapper)) {
            return null;
        }
        Known known;
        synchronized (KNOWN) {
            known = KNOWN.get(object);
        }
        Object key = mapper.identityOfObject(object);
        if (known != null && key != null) {
            // With its key changed since, it is still that row's object: the flush refuses to move it (ATH-E068)
            // rather than insert a copy. With its key cleared, it is new (a copy the application made).
            return InstanceState.detached(object, mapper, known.key(), known.snapshot());
        }
        // A versioned object from elsewhere (another process, a copy): a set version means it has a row.
        if (mapper.versionAttribute() != null && mapper.hasRowByItsFields(object)) {
            return InstanceState.detached(object, mapper, key, null);
        }
        return null;
    }

    /** Forgets an object: it joined a session, or the row it was recorded with was rolled back. */
    static void forget(Object object) {
        synchronized (KNOWN) {
            KNOWN.remove(object);
        }
    }
}
