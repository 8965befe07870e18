package io.athanor.orm.session;

import io.athanor.orm.mapping.Mapper;

/**
 * What Athanor knows about one object: which of SQLAlchemy's five states it is in, its identity and
 * its session (SQLAlchemy's {@code InstanceState}, what {@code inspect(obj)} gives). Obtain it with
 * {@link io.athanor.orm.Athanor#inspect(Object)}.
 *
 * <ul>
 *   <li><b>transient</b>: not in a session and never saved;</li>
 *   <li><b>pending</b>: added to a session, not yet flushed;</li>
 *   <li><b>persistent</b>: in a session, with a row in the database;</li>
 *   <li><b>deleted</b>: its DELETE was flushed; it becomes detached at commit, persistent again at rollback;</li>
 *   <li><b>detached</b>: has a row, but is in no session.</li>
 * </ul>
 *
 * A state is a view of the object at the moment of asking; it is not thread-safe.
 */
public final class InstanceState {

    enum Status { TRANSIENT, PENDING, PERSISTENT, DELETED, DETACHED }

    final Mapper<?> mapper;
    /**
     * Stands in the snapshot of a detached object added back to a session for the values it had when it
     * was last loaded, which are not kept once its session closes: each such column counts as changed.
     */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<not known>";
        }
    };

    /** States live as long as their session (or the caller of inspect), so they may hold the object. */
    private final Object target;
    /** Held while the object is in a session, so the session keeps it alive; dropped when it leaves. */
    Object attached;
    Session session;
    Status status;
    Object key;
    /** The column values as last loaded or written, by attribute index; null until the object has a row. */
    Object[] snapshot;
    /**
     * Expired by {@code expire()}, a rollback or a partial reload. A commit expires objects without
     * touching them: see {@link #freshAsOf} and {@link #expiredNow()}.
     */
    boolean expired;
    /**
     * The number of expiring commits its session had made when the object joined it or was last loaded or
     * written. A commit moves the session's count on, which expires all its objects at once: a pass marking
     * 10,000 objects one by one, and another detaching them at close, were a sixth of a tracked read of
     * 10,000 rows (profile in benchmarks/results/2026-12-07-profiles).
     */
    int freshAsOf;
    /**
     * The column values when {@code expire()} or a rollback expired the object: the reload, or a flush before
     * it, discards changes made before (a field still holding its value then) and keeps those made after.
     * Null when expired by a commit, whose flush left no change behind.
     */
    Object[] valuesAtExpiry;
    /** The many-to-one and one-to-one fields when {@code expire()} was called, for the same rule. */
    java.util.Map<io.athanor.orm.mapping.RelationshipProperty, Object> referencesAtExpiry;
    boolean markedForDeletion;
    /** Values of database-generated attributes before this transaction's INSERT, restored on rollback. */
    Object[] beforeInsert;
    /**
     * During a flush, for a new object: the field values the check before the first statement found
     * storable, by attribute index (null where not checked), so that its INSERT checks again only what was
     * set since; dropped once the INSERT is prepared.
     */
    Object[] checkedForInsert;
    /** The object each many-to-one held when last loaded or flushed, to notice one set to null since. */
    java.util.Map<io.athanor.orm.mapping.RelationshipProperty, Object> references;
    /** The loader state of each one-to-many relationship: Athanor's collection in the field. */
    java.util.Map<io.athanor.orm.mapping.RelationshipProperty, RelatedCollection> collections;

    InstanceState(Object object, Mapper<?> mapper) {
        this.target = object;
        this.mapper = mapper;
        this.status = Status.TRANSIENT;
    }

    /** The object. */
    public Object object() {
        return target;
    }

    /**
     * The state of a detached object: its identity from its key fields and, as its snapshot, the values it
     * had when it left its session. Without those ({@code known} null: a versioned object from elsewhere),
     * the snapshot knows only the key and version, every other column unknown, so that adding it back
     * writes all of them (with the version check).
     */
    static InstanceState detached(Object object, Mapper<?> mapper, Object key, Object[] known) {
        InstanceState state = new InstanceState(object, mapper);
        state.status = Status.DETACHED;
        state.key = key;
        if (known != null) {
            state.snapshot = known.clone();
            return state;
        }
        java.util.List<io.athanor.orm.mapping.ColumnAttribute> attributes = mapper.attributes();
        Object[] snapshot = new Object[attributes.size()];
        for (io.athanor.orm.mapping.ColumnAttribute attribute : attributes) {
            snapshot[attribute.index()] = attribute.primaryKey() || attribute.version() ? attribute.get(object) : UNKNOWN;
        }
        state.snapshot = snapshot;
        return state;
    }

    /** The object's mapper. */
    public Mapper<?> mapper() {
        return mapper;
    }

    /** Not in a session, never saved. */
    public boolean isTransient() {
        return status() == Status.TRANSIENT;
    }

    /** Added to a session, not yet flushed. */
    public boolean isPending() {
        return status() == Status.PENDING;
    }

    /** In a session, with a row in the database. */
    public boolean isPersistent() {
        return status() == Status.PERSISTENT;
    }

    /** Its deletion was flushed in the current transaction. */
    public boolean isDeleted() {
        return status() == Status.DELETED;
    }

    /** Has a row but is in no session. */
    public boolean isDetached() {
        return status() == Status.DETACHED;
    }

    /** Whether the session will reload the object before handing it out again. */
    public boolean isExpired() {
        return expiredNow();
    }

    /**
     * The status as the application sees it. A closed session does not visit the objects of classes without
     * relationships to detach them one by one (see {@code Session.close}): they read as detached from here.
     */
    Status status() {
        return status == Status.PERSISTENT && leftClosedSession() ? Status.DETACHED : status;
    }

    private boolean leftClosedSession() {
        return session != null && session.isClosed();
    }

    /** Whether the object must be reloaded before it is handed out: expired itself, or by a commit since it was loaded. */
    boolean expiredNow() {
        return expired || expiredByCommit();
    }

    /** A commit expires the objects that were persistent in its session then, not pending or transient ones. */
    private boolean expiredByCommit() {
        return status == Status.PERSISTENT && session != null && freshAsOf != session.expiringCommits();
    }

    /** Loaded or written just now: no longer expired, by whatever expired it before. */
    void markFresh() {
        expired = false;
        if (session != null) {
            freshAsOf = session.expiringCommits();
        }
    }

    /**
     * The identity: the primary-key value (a {@code List} for a composite key), or null for transient
     * and pending objects.
     */
    public Object identity() {
        return key;
    }

    /** The session the object is in, or null when it is transient or detached. */
    public Session session() {
        return leftClosedSession() ? null : session;
    }

    void attach(Session owner, Object object) {
        this.session = owner;
        this.attached = object;
        this.freshAsOf = owner.expiringCommits();
        owner.adopt(this, object);
    }

    /**
     * Marks the object expired by {@code expire()} or a rollback: changes made so far are discarded (by the
     * reload, or by a flush before it), pending collection changes at once, as SQLAlchemy unloads them.
     */
    void expireDiscardingChanges() {
        expired = true;
        if (collections != null) {
            for (RelatedCollection collection : collections.values()) {
                collection.unload();
            }
        }
        Object object = object();
        java.util.List<io.athanor.orm.mapping.ColumnAttribute> attributes = mapper.attributes();
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = attributes.get(i).get(object);
        }
        valuesAtExpiry = values;
        referencesAtExpiry = null;
        for (io.athanor.orm.mapping.RelationshipProperty relationship : mapper.relationships()) {
            if (!relationship.isCollection()) {
                if (referencesAtExpiry == null) {
                    referencesAtExpiry = new java.util.IdentityHashMap<>();
                }
                referencesAtExpiry.put(relationship, relationship.get(object));
            }
        }
    }

    void detach() {
        Session owner = session;
        Object object = attached;
        // The caller may have set the status it leaves with (DETACHED) already: a persistent object then.
        boolean persistent = status == Status.PERSISTENT || status == Status.DETACHED;
        if (persistent && owner != null && freshAsOf != owner.expiringCommits()) {
            // Expired by a commit of the session it leaves: the mark must outlive the count it was read from.
            expired = true;
        }
        this.session = null;
        this.attached = null;
        if (owner != null) {
            owner.released(this, object);
        }
        this.markedForDeletion = false;
        this.beforeInsert = null;
        this.checkedForInsert = null;
    }

    @Override
    public String toString() {
        Object object = object();
        return "InstanceState[" + (object == null ? "?" : object.getClass().getSimpleName()) + " "
                + status().name().toLowerCase(java.util.Locale.ROOT) + (key == null ? "" : " key=" + key)
                + (expiredNow() ? " expired" : "") + "]";
    }
}
