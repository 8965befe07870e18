package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.NestedTransaction;
import io.athanor.orm.engine.Result;
import io.athanor.orm.engine.Row;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.engine.ScalarResult;
import io.athanor.orm.sql.CompilableStatement;
import io.athanor.orm.sql.Insert;
import io.athanor.orm.sql.Select;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.Statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A unit of work with the database (SQLAlchemy's {@code Session}): it tracks objects through the states
 * transient, pending, persistent, deleted and detached; keeps one object per row (the identity map);
 * and writes every change in one ordered flush.
 *
 * <pre>{@code
 * try (Session session = sessions.openSession()) {
 *     Customer ed = new Customer("Ed", "UK");
 *     session.add(ed);                                          // pending, no SQL yet
 *     session.commit();                                         // INSERT, key fetched back
 *     assert session.get(Customer.class, ed.getId()) == ed;     // identity map: no SQL
 * }
 * }</pre>
 *
 * <p>A transaction begins with the first statement the session needs and ends with {@link #commit()} or
 * {@link #rollback()}; the connection goes back to the pool in between. Before a query, and before
 * {@link #get} looks in the database, pending changes are flushed (autoflush). After commit every
 * object is expired: the session reloads it before it hands it out again (through {@code get}, a query
 * or a relationship); reading a field directly returns the last loaded value.
 *
 * <p>Not thread-safe: one session per thread and unit of work. Use from two threads at once raises
 * {@link InvalidRequestException}.
 */
public final class Session implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final SessionFactory factory;
    private final Engine engine;
    private final Registry registry;
    private final boolean expireOnCommit;
    private final IdentityMap identityMap = new IdentityMap();
    /**
     * The state of each object this session holds, by object identity. Kept here rather than in a global
     * weak table so that a session's objects and their states die together with it: a global table
     * would keep every state alive for one more garbage collection after its object was dropped.
     * An object that has left its session is known by its fields alone (see {@code Mapper.hasRowByItsFields}).
     */
    private java.util.IdentityHashMap<Object, InstanceState> states = new java.util.IdentityHashMap<>(4);
    private boolean listedAsOpen;
    /**
     * The pending objects in the order they were added. During a flush it still lists the objects inserted
     * so far (their status says PERSISTENT): they leave it together when the unit of work is done, which
     * costs one {@code clear()} instead of one removal per object.
     */
    private LinkedHashSet<InstanceState> pending = new LinkedHashSet<>();
    /** Objects the running flush inserted; when it equals the number of pending objects, all of them were. */
    private int insertedByFlush;
    /** Moved on by each commit that expires objects: an object loaded or written before is expired. */
    private int expiringCommits;
    /** Whether an INSERT of this transaction recorded values to restore on rollback ({@code beforeInsert}). */
    private boolean capturedBeforeInsert;
    private final LinkedHashSet<InstanceState> markedForDeletion = new LinkedHashSet<>();
    private final ArrayList<InstanceState> insertedInTransaction = new ArrayList<>();
    private final ArrayList<InstanceState> deletedInTransaction = new ArrayList<>();
    /** Identity keys that bulk UPDATEs changed in this transaction, for a rollback to restore. */
    private final KeySwitches keySwitches = new KeySwitches();
    private final List<Savepoint> savepoints = new ArrayList<>();
    private final EntityLoader loader = new EntityLoader(this, identityMap);
    private final QueryExecutor queries;
    final Relationships relationships = new Relationships(this, identityMap);
    final RelationshipFlush relationshipFlush = new RelationshipFlush(this, relationships);
    private final ThreadGuard guard = new ThreadGuard();
    /** Copies being merged and their targets, so that a merge cascading both ways stops (SQLAlchemy's _recursive). */
    /** Built on the first merge: most sessions never merge. */
    private Merger merger;
    /** Objects being refreshed, so that a refresh cascading both ways along a relationship stops. */
    private final java.util.Set<InstanceState> refreshing =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>(4));
    /** Set for a session that joins a transaction managed elsewhere; never committed or closed by the session. */
    private final Connection joined;
    private boolean autoflush;
    private Connection connection;
    private RuntimeException flushFailure;
    private boolean flushing;
    /** Within a flush, from the first statement of the unit of work to the end of the afterFlush listeners. */
    private boolean writing;
    private boolean closed;
    private int noAutoflushDepth;
    /**
     * Where the session was opened, recorded only when the engine reports leaked connections: the session
     * checks out its connection at its first statement, and a leak warning names both places.
     */
    private final Throwable openedAt;

    Session(SessionFactory factory) {
        this(factory, null);
    }

    Session(SessionFactory factory, Connection joined) {
        this.factory = factory;
        this.joined = joined;
        this.connection = joined;
        this.engine = factory.engine();
        this.registry = factory.registry();
        this.autoflush = factory.autoflush();
        this.expireOnCommit = factory.expireOnCommit();
        this.queries = new QueryExecutor(this, registry, identityMap, loader);
        this.openedAt = joined == null && engine.detectsLeaks()
                ? new OpenedHere(Thread.currentThread().getName()) : null;
        for (SessionListener listener : factory.listeners()) {
            listener.sessionOpened(this);
        }
    }

    /** This session's number, unique in the process. */
    long id() {
        return id;
    }

    /** Implements {@link io.athanor.orm.Athanor#inspect(Object)}. */
    public static InstanceState inspect(Object object) {
        InstanceState state = OpenSessions.attachedElsewhere(object, null);
        if (state != null) {
            return state;
        }
        Mapper<?> mapper = Mapper.latestFor(object.getClass());
        InstanceState detached = mapper == null ? null : DetachedObjects.stateOf(object, mapper);
        return detached != null ? detached : new InstanceState(object, mapper);
    }

    // ------------------------------------------------------------------ adding, getting, deleting

    /**
     * Adds an object to the session: a transient object becomes pending (INSERTed at the next flush), a
     * detached one persistent again (its changes are flushed). Adding an object already in this session
     * does nothing.
     *
     * @param object an instance of a mapped class
     * @throws InvalidRequestException when the object is in another open session
     */
    public void add(Object object) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("add an object", true);
            attach(object, registry.mapper(requireObject(object).getClass()));
        } finally {
            exit();
        }
    }

    private static Object requireObject(Object object) {
        if (object == null) {
            throw new io.athanor.orm.ArgumentException("ATH-E073", "A null object was given where a mapped object is"
                    + " required.");
        }
        return object;
    }

    /**
     * Adds several objects, in order.
     *
     * @param objects instances of mapped classes
     */
    public void addAll(Collection<?> objects) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("add objects", true);
            makeRoomFor(objects.size());
            for (Object object : objects) {
                attach(object, registry.mapper(requireObject(object).getClass()));
            }
        } finally {
            exit();
        }
    }

    /**
     * Sizes the session's tables for {@code more} objects at once. Grown one object at a time, the tables of
     * an {@code addAll} of 10,000 objects are copied a dozen times on the way (a profile of such a flush
     * showed the copies); a table is rebuilt here only when the growth would at least double it anyway.
     */
    private void makeRoomFor(int more) {
        if (more < 64) {
            return;
        }
        if (more >= states.size()) {
            java.util.IdentityHashMap<Object, InstanceState> bigger = new java.util.IdentityHashMap<>(states.size() + more);
            bigger.putAll(states);
            states = bigger;
        }
        if (more >= pending.size()) {
            LinkedHashSet<InstanceState> bigger = new LinkedHashSet<>(IdentityMap.capacityFor(pending.size() + more));
            bigger.addAll(pending);
            pending = bigger;
        }
    }

    InstanceState attach(Object object, Mapper<?> mapper) {
        if (object == null) {
            throw new io.athanor.orm.ArgumentException("ATH-E073", "A null object cannot be added to a session.");
        }
        InstanceState state = stateFor(object, mapper);
        if (state.session == this) {
            if (state.markedForDeletion) {
                state.markedForDeletion = false;
                markedForDeletion.remove(state);
            } else if (state.status == InstanceState.Status.DELETED) {
                throw new InvalidRequestException("ATH-E062", describe(state) + " was deleted in this transaction and"
                        + " the DELETE was flushed; commit or roll back before using it again.");
            }
            return state;
        }
        if (state.session != null) {
            throw new InvalidRequestException("ATH-E061", describe(state) + " is already attached to "
                    + state.session + ", which is open; this is " + this + ". Expunge it from there first, or copy"
                    + " it into this session with merge().");
        }
        if (state.status == InstanceState.Status.DETACHED) {
            InstanceState present = identityMap.get(mapper, state.key);
            if (present != null) {
                throw new InvalidRequestException("ATH-E062", "Cannot attach " + describe(state) + ": another object"
                        + " with the same identity is already in " + this + ". Use merge() to copy its state onto"
                        + " that object.");
            }
            state.status = InstanceState.Status.PERSISTENT;
            state.attach(this, object);
            identityMap.put(state);
            // This session holds its state now; the record comes back when the object leaves again. A record
            // left behind would go stale once this session writes the object.
            DetachedObjects.forget(object);
        } else {
            state.status = InstanceState.Status.PENDING;
            state.attach(this, object);
            pending.add(state);
            Savepoint savepoint = currentSavepoint();
            if (savepoint != null) {
                savepoint.journal.added.add(state);
            }
        }
        if (!mapper.relationships().isEmpty()) {
            relationships.install(state, object, false);
            relationshipFlush.cascadeAdd(state);
        }
        return state;
    }

    /**
     * The object of a class with a primary key: from the identity map when it is there (no SQL), else
     * loaded from the database (SQLAlchemy's {@code session.get}).
     *
     * @param type the mapped class
     * @param id the primary key; for a composite key a {@code List}, an array, or a {@code Map} by attribute name
     * @param <T> the class
     * @return the object, or null when no row has that key
     */
    public <T> T get(Class<T> type, Object id) {
        return get(type, id, NO_OPTIONS);
    }

    private static final Load[] NO_OPTIONS = new Load[0];

    /**
     * {@link #get(Class, Object)} with loader options for the load from the database (SQLAlchemy's
     * {@code session.get(User, 5, options=[selectinload(User.addresses)])}): an object found in the identity
     * map is returned as it is, without SQL; otherwise one SELECT by key loads it, with its relationships
     * as the options (and then the relationships' own {@code lazy} strategies) say, {@code JOINED} ones in
     * the same statement.
     *
     * <pre>{@code
     * User ed = session.get(User.class, 5, Load.selectin("addresses"));
     * }</pre>
     *
     * @param type the mapped class
     * @param id the primary key, as for {@link #get(Class, Object)}
     * @param options loader options, as for {@code select(..).options(..)}
     * @param <T> the class
     * @return the object, or null when no row has that key
     */
    public <T> T get(Class<T> type, Object id, Load... options) {
        enter();
        try {
            requireUsable();
            Mapper<T> mapper = registry.mapper(type);
            Object key = mapper.normalizeIdentity(id);
            InstanceState state = identityMap.get(mapper, key);
            if (state == null) {
                autoflush();
                state = identityMap.get(mapper, key);
            }
            boolean withOptions = options.length > 0 || Relationships.joinsEagerly(mapper);
            if (state != null) {
                if (state.markedForDeletion) {
                    return null;
                }
                if (state.expiredNow() && withOptions) {
                    // Reloaded by the query, which refreshes the expired object and loads as the options say.
                    T reloaded = queries.scalars(QueryExecutor.byKey(mapper, key).options((Object[]) options)).oneOrNull();
                    if (reloaded == null) {
                        forgetVanished(state);
                    }
                    return reloaded;
                }
                if (state.expiredNow() && !reload(state)) {
                    return null;
                }
                return type.cast(state.object());
            }
            if (withOptions) {
                return queries.scalars(QueryExecutor.byKey(mapper, key).options((Object[]) options)).oneOrNull();
            }
            Row row = selectByKey(mapper, key);
            if (row == null) {
                return null;
            }
            T object = loader.load(mapper, row);
            relationships.afterLoad(mapper, List.of(object), Map.of());
            return object;
        } finally {
            exit();
        }
    }

    /**
     * Marks a persistent object for deletion; its DELETE is flushed with the next flush. A detached object
     * is attached first.
     *
     * @param object a persistent or detached object
     * @throws InvalidRequestException when the object was never saved
     */
    public void delete(Object object) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("delete an object", true);
            Mapper<?> mapper = registry.mapper(requireObject(object).getClass());
            InstanceState state = stateOf(object);
            if (state == null || state.status == InstanceState.Status.TRANSIENT
                    || state.status == InstanceState.Status.PENDING) {
                throw new InvalidRequestException("ATH-E063", describe(state == null ? new InstanceState(object, mapper)
                        : state) + " is not persisted, so it cannot be deleted. A pending object leaves the session"
                        + " with expunge().");
            }
            state = attach(object, mapper);
            markForDeletion(state);
        } finally {
            exit();
        }
    }

    private void markForDeletion(InstanceState state) {
        if (state.status == InstanceState.Status.PERSISTENT && !state.markedForDeletion) {
            state.markedForDeletion = true;
            markedForDeletion.add(state);
            relationshipFlush.cascadeDelete(state);
        }
    }

    /** Save-update cascade: an object reached through a relationship joins this session. */
    void cascadeAdd(Object object) {
        InstanceState state = stateOf(object);
        if (state != null && state.session == this) {
            return;
        }
        if (state != null && state.session != null) {
            throw new InvalidRequestException("ATH-E061", describe(state) + " is attached to " + state.session
                    + ", which is open, and is related to an object of " + this + "; expunge it there first, or merge()"
                    + " it into this session.");
        }
        attach(object, registry.mapper(object.getClass()));
    }

    /** Delete cascade: an object reached through a relationship is deleted too (a pending one expunged). */
    void cascadeDelete(Object object) {
        InstanceState state = stateOf(object);
        if (state == null || state.session != this) {
            return;
        }
        if (state.status == InstanceState.Status.PENDING) {
            expungeState(state);
        } else {
            markForDeletion(state);
        }
    }

    /** An element removed from a delete-orphan collection. */
    void deleteOrphan(Object object) {
        cascadeDelete(object);
    }

    /** Lazy load of a collection on first access. */
    void loadCollection(RelatedCollection collection) {
        enter();
        try {
            requireUsable();
            relationships.loadCollection(collection);
        } finally {
            exit();
        }
    }

    /** The N+1 guard: the same relationship lazily loaded one parent at a time too often in this session. */
    void noticeLazyLoad(io.athanor.orm.mapping.RelationshipProperty relationship, int count) {
        int threshold = factory.nPlusOneThreshold();
        if (threshold > 0 && count == threshold + 1) {
            String message = "[ATH-E094] N+1 loading: '" + relationship + "' was loaded lazily one "
                    + relationship.source().type().getSimpleName() + " at a time " + count + " times in " + this
                    + ". Load it for the whole result with .options(Load.selectin(\"" + relationship.name() + "\")).";
            if (factory.nPlusOneRaises()) {
                throw new InvalidRequestException("ATH-E094", message.substring("[ATH-E094] ".length()));
            }
            org.slf4j.LoggerFactory.getLogger(Session.class).warn(message);
        }
    }

    /** Runs a statement the unit of work writes itself (association rows), without autoflush. */
    void executeInFlush(io.athanor.orm.sql.CompilableStatement statement) {
        io.athanor.orm.sql.BoundStatement bound = statement.bind(connection().dialect(), registry,
                engine.compiledCache());
        connection().execute(bound.compiled().sql(), bound.values());
    }

    <T> io.athanor.orm.engine.ScalarResult<T> scalarsWithOptions(Select<T> select,
                                                                 Map<String, io.athanor.orm.mapping.LoadStrategy> options) {
        return queries.scalars(select, options);
    }

    // ------------------------------------------------------------------ flush and transactions

    /**
     * Writes all pending changes to the database now: INSERTs, UPDATEs of changed columns, DELETEs, in
     * foreign-key order. The transaction stays open. If the flush fails, the transaction is rolled back
     * and the session refuses further work until {@link #rollback()}; while a savepoint is active, only
     * the innermost active savepoint is rolled back, and the session goes on (see {@link Savepoint}).
     */
    public void flush() {
        enter();
        try {
            requireUsable();
            doFlush();
        } finally {
            exit();
        }
    }

    private void doFlush() {
        requireNotFlushing("flush", false);
        if (pending.isEmpty() && markedForDeletion.isEmpty()
                && (identityMap.size() == 0 || factory.listeners().isEmpty() && nothingChanged())) {
            return;
        }
        flushing = true;
        try {
            for (SessionListener listener : factory.listeners()) {
                listener.beforeFlush(this);
            }
            if (!registry.mappers().stream().allMatch(mapper -> mapper.relationships().isEmpty())) {
                // Only objects of classes with relationships take part: the others are not copied.
                relationshipFlush.prepareFlush(withRelationships(), new ArrayList<>(markedForDeletion));
            }
            List<InstanceState> persistent = new ArrayList<>(identityMap.size());
            identityMap.forEach(state -> {
                if (state.status == InstanceState.Status.PERSISTENT && !state.markedForDeletion) {
                    persistent.add(state);
                }
            });
            Savepoint savepoint = currentSavepoint();
            long started = System.nanoTime();
            writing = true;
            insertedByFlush = 0;
            int[] written;
            try {
                written = new UnitOfWork(this, factory.tableRank(), savepoint == null ? null : savepoint.journal)
                        .run(new ArrayList<>(pending), persistent, new ArrayList<>(markedForDeletion));
            } finally {
                // Before anything else looks at the pending objects, a savepoint's rollback included.
                dropInsertedFromPending();
            }
            if (written != null) {
                long nanos = System.nanoTime() - started;
                for (SessionListener listener : factory.listeners()) {
                    listener.afterFlush(this);
                    listener.flushed(this, written[0], written[1], written[2], nanos);
                }
            }
        } catch (RuntimeException failure) {
            failFlush(failure);
            throw failure;
        } finally {
            flushing = false;
            writing = false;
        }
    }

    /** The pending and persistent objects of classes with relationships, for the flush's preparation. */
    private List<InstanceState> withRelationships() {
        List<InstanceState> related = new ArrayList<>();
        for (InstanceState state : pending) {
            if (!state.mapper.relationships().isEmpty()) {
                related.add(state);
            }
        }
        related.addAll(identityMap.allOf(mapper -> !mapper.relationships().isEmpty()));
        return related;
    }

    /** Takes the objects the flush inserted out of {@link #pending}: at once when it inserted all of them. */
    private void dropInsertedFromPending() {
        if (insertedByFlush == 0) {
            return;
        }
        if (insertedByFlush == pending.size()) {
            pending.clear();
        } else {
            pending.removeIf(state -> state.status != InstanceState.Status.PENDING);
        }
        insertedByFlush = 0;
    }

    /**
     * Whether a flush would find nothing to write: no object of a class with relationships (whose
     * collections and back-references only the full flush examines) and every column as loaded. A session
     * that only read commits without building a unit of work; any difference, including a changed key that
     * the full flush refuses, takes the full path.
     */
    private boolean nothingChanged() {
        return identityMap.allMatch(state -> state.mapper.relationships().isEmpty() && UnitOfWork.unchanged(state));
    }

    /**
     * Refuses, during a flush, what would change the session under the flush's feet or end it: such work
     * would be lost, undone or half-applied. {@code beforeFlush} listeners may still change objects (they
     * become part of the flush), but not flush, commit, roll back or close.
     */
    private void requireNotFlushing(String operation, boolean allowedBeforeWrites) {
        if (!flushing || (allowedBeforeWrites && !writing)) {
            return;
        }
        throw new InvalidRequestException("ATH-E070", this + " is flushing, so it cannot " + operation + " now: "
                + (writing ? "code that runs while a flush writes (MapperListener events, SessionListener.afterFlush)"
                + " may read, query and set fields of the object at hand, and run SQL through"
                + " session.connection(), but not add, delete, merge, expunge, expire or refresh objects, run bulk"
                + " INSERT, UPDATE or DELETE statements through the session, flush, commit, roll back or close: the"
                + " flush would lose or undo that work. Make such changes in SessionListener.beforeFlush, or after"
                + " the flush."
                : "SessionListener.beforeFlush may add, delete and change objects, which become part of this flush,"
                + " but not flush, commit, roll back or close the session."));
    }

    private void failFlush(RuntimeException failure) {
        Savepoint savepoint = currentSavepoint();
        if (savepoint != null && savepoint.isExternal()) {
            // Only the transaction's manager can roll back to its savepoint (Spring's NESTED): until it does, the
            // session refuses work (ATH-E128); afterExternalSavepointRollback then restores the objects.
            savepoint.flushFailed(failure);
            return;
        }
        if (savepoint != null && rolledBackToSavepoint(savepoint, failure)) {
            return;
        }
        if (connection != null && joined == null) {
            try {
                connection.rollback();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
        flushFailure = failure;
    }

    /**
     * Undoes a flush that failed inside a savepoint by rolling back to the innermost active one, so that the
     * outer transaction goes on (SQLAlchemy does the same). False when the database kept no savepoint to roll
     * back to: the connection was lost, or a deadlock rolled back the whole transaction.
     */
    private boolean rolledBackToSavepoint(Savepoint savepoint, RuntimeException failure) {
        try {
            savepoint.transaction().rollback();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
            return false;
        }
        restore(collectJournals(savepoints.indexOf(savepoint)));
        savepoint.flushFailed(failure);
        return true;
    }

    /**
     * Flushes, commits the transaction and returns the connection to the pool. With
     * {@code expireOnCommit} (the default) every object is then expired, to be reloaded before it is
     * handed out again; objects deleted in the transaction become detached.
     */
    public void commit() {
        enter();
        try {
            requireUsable();
            requireNotFlushing("commit", false);
            requireOwnTransaction("commit");
            for (SessionListener listener : factory.listeners()) {
                listener.beforeCommit(this);
            }
            doFlush();
            if (connection != null) {
                try {
                    connection.commit();
                } catch (RuntimeException failure) {
                    // The transaction's outcome is unknown to the session: treat it as rolled back.
                    try {
                        rollbackTransaction();
                    } catch (RuntimeException alsoFailed) {
                        failure.addSuppressed(alsoFailed);
                    }
                    throw failure;
                }
                releaseConnection();
            }
            committed();
            for (SessionListener listener : factory.listeners()) {
                listener.afterCommit(this);
            }
        } finally {
            exit();
        }
    }

    /** The session's state after its transaction committed. */
    private void committed() {
        keySwitches.clear();
        if (!deletedInTransaction.isEmpty()) {
            List<InstanceState> deletedAndRecorded = new ArrayList<>();
            for (InstanceState state : deletedInTransaction) {
                state.status = InstanceState.Status.DETACHED;
                state.detach();
                if (DetachedObjects.recorded(state.mapper)) {
                    deletedAndRecorded.add(state);
                }
            }
            // Detached, as SQLAlchemy's deleted objects are after commit: adding one back finds its row gone
            // (ATH-E060).
            DetachedObjects.remember(deletedAndRecorded);
        }
        deletedInTransaction.clear();
        if (capturedBeforeInsert) {
            for (InstanceState state : insertedInTransaction) {
                state.beforeInsert = null;
            }
            capturedBeforeInsert = false;
        }
        insertedInTransaction.clear();
        savepoints.clear();
        if (expireOnCommit) {
            // Every object in the session now counts as expired (InstanceState.expiredNow), without a pass over them.
            expiringCommits++;
        }
    }

    /** Whether this session joined a transaction that another component manages (Spring's). */
    public boolean isTransactionManagedExternally() {
        return joined != null;
    }

    /**
     * For integrations that manage the transaction (the Spring starter): called before that transaction
     * commits; flushes the session.
     *
     * @throws InvalidRequestException ({@code ATH-E103}) when the database aborted or rolled back the
     *         transaction after an error: the commit would keep nothing, or only what ran after the error
     */
    public void beforeExternalCommit() {
        enter();
        try {
            requireUsable();
            doFlush();
            if (connection != null) {
                // The manager commits the JDBC connection itself: refuse here what PostgreSQL would turn into a
                // silent rollback (ATH-E103).
                connection.requireCommittable();
            }
        } finally {
            exit();
        }
    }

    /**
     * For integrations that manage the transaction: called when they begin a savepoint (Spring's
     * {@code NESTED} propagation), so that the session can restore its objects if they roll back to it. The
     * session's unflushed work stays unflushed and belongs to the outer transaction.
     *
     * @param savepoint the manager's savepoint object, given again to {@link #afterExternalSavepointRollback(Object)}
     */
    public void afterExternalSavepoint(Object savepoint) {
        if (closed) {
            // Closed by the application inside the transaction: nothing left to follow the savepoint.
            return;
        }
        enter();
        try {
            Savepoint external = Savepoint.external(this, savepoint);
            external.journal.recordUnflushedWork(pending, markedForDeletion, identityMap.all());
            savepoints.add(external);
        } finally {
            exit();
        }
    }

    /**
     * For integrations that manage the transaction: called when they roll back to a savepoint (Spring's
     * {@code NESTED} propagation). The objects get back what they had when the savepoint began, as
     * {@link Savepoint#rollback()} gives them; a transaction PostgreSQL aborted at an error inside the
     * savepoint is usable again; and a flush that failed inside it ({@code ATH-E128}) no longer stops the
     * session. For a savepoint begun before the session joined the transaction, everything the session did
     * is undone, as {@link #rollback()} undoes it.
     *
     * @param savepoint the manager's savepoint object, as given to {@link #afterExternalSavepoint(Object)}
     */
    public void afterExternalSavepointRollback(Object savepoint) {
        if (closed) {
            return;
        }
        enter();
        try {
            if (connection != null) {
                connection.rolledBackToSavepointElsewhere();
            }
            int position = -1;
            for (int i = 0; i < savepoints.size() && position < 0; i++) {
                position = savepoints.get(i).isFor(savepoint) ? i : -1;
            }
            if (position < 0) {
                rollbackTransaction();
            } else {
                restore(collectJournals(position));
            }
        } finally {
            exit();
        }
    }

    /**
     * For integrations that manage the transaction: called after it ended; brings the objects in line
     * with the outcome (as {@link #commit()} or {@link #rollback()} would) and closes the session.
     *
     * @param committed whether the transaction committed
     */
    public void afterExternalCompletion(boolean committed) {
        enter();
        try {
            if (committed && flushFailure == null) {
                committed();
            } else {
                rollbackTransaction();
            }
        } finally {
            exit();
        }
        close();
    }

    private void requireOwnTransaction(String operation) {
        if (joined != null) {
            throw new InvalidRequestException("ATH-E074", this + " takes part in a transaction managed elsewhere (for"
                    + " example by Spring's @Transactional), so it cannot " + operation + " it: the transaction ends"
                    + " when its manager commits or rolls it back. Call flush() to write changes now.");
        }
    }

    /**
     * Rolls back the transaction and restores the session to match: objects inserted in it become
     * transient again (database-generated keys are cleared), pending objects are expunged, deleted
     * objects return, and every persistent object is expired so that its database values are reloaded
     * before it is handed out again. This also clears the error state of a failed flush.
     */
    public void rollback() {
        enter();
        try {
            requireOpen();
            requireNotFlushing("roll back", false);
            requireOwnTransaction("roll back");
            rollbackTransaction();
            for (SessionListener listener : factory.listeners()) {
                listener.afterRollback(this);
            }
        } finally {
            exit();
        }
    }

    private void rollbackTransaction() {
        rollbackTransaction(false);
    }

    /** Rolls back and restores the objects; when {@code closing}, the objects are about to leave, so none is expired. */
    private void rollbackTransaction(boolean closing) {
        if (connection != null && joined == null) {
            try {
                connection.rollback();
            } finally {
                releaseConnection();
            }
        }
        // First: the objects below are filed under their keys, which must be the rolled-back rows' keys.
        keySwitches.undo(identityMap);
        for (InstanceState state : deletedInTransaction) {
            state.status = InstanceState.Status.PERSISTENT;
            identityMap.put(state);
        }
        deletedInTransaction.clear();
        for (InstanceState state : insertedInTransaction) {
            forgetInsert(state);
        }
        insertedInTransaction.clear();
        for (InstanceState state : pending) {
            state.status = InstanceState.Status.TRANSIENT;
            state.detach();
        }
        pending.clear();
        for (InstanceState state : markedForDeletion) {
            state.markedForDeletion = false;
        }
        markedForDeletion.clear();
        if (!closing) {
            // As expire(): the reload, or a flush before it, discards what was changed before the rollback
            // and keeps what is changed after it; pending collection changes are dropped now.
            for (InstanceState state : identityMap.all()) {
                state.expireDiscardingChanges();
            }
        }
        savepoints.clear();
        flushFailure = null;
    }

    /** An INSERT was undone: the object is transient again, with its generated values cleared. */
    private void forgetInsert(InstanceState state) {
        identityMap.remove(state);
        Object object = state.object();
        if (state.beforeInsert != null && object != null) {
            for (ColumnAttribute attribute : state.mapper.attributes()) {
                Object before = state.beforeInsert[attribute.index()];
                if (before != UnitOfWork.NOT_CAPTURED) {
                    attribute.set(object, before);
                }
            }
        }
        state.status = InstanceState.Status.TRANSIENT;
        state.key = null;
        state.snapshot = null;
        state.expired = false;
        state.detach();
        if (object != null) {
            // Expunged after its INSERT, it was recorded as detached: its row is gone with the rollback.
            DetachedObjects.forget(object);
        }
    }

    /**
     * Rolls back any transaction and detaches every object; the session cannot be used afterwards. Safe
     * to call more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        enter();
        try {
            requireNotFlushing("close", false);
            // Recorded as they are before the rollback below marks them for reload: a detached object keeps
            // the values it was last loaded or flushed with (SQLAlchemy expunges before it rolls back).
            if (identityMap.size() > 0) {
                rememberLeaving(identityMap.allOf(DetachedObjects::recorded), true);
            }
            try {
                rollbackTransaction(true);
            } finally {
                closed = true;
                // Objects of classes with relationships leave one by one: their collections and lazy loads look
                // at their session. The others are not visited (a pass over 10,000 of them was 9% of a tracked
                // read): the session's maps are dropped, and InstanceState reads them as detached from here.
                for (InstanceState state : identityMap.allOf(mapper -> !mapper.relationships().isEmpty())) {
                    state.status = InstanceState.Status.DETACHED;
                    state.detach();
                }
                identityMap.clear();
                // Replaced, not cleared: a state the application still holds keeps this closed session reachable,
                // and cleared tables would keep the capacity of the largest transaction with it.
                states = new java.util.IdentityHashMap<>(4);
                pending = new LinkedHashSet<>();
                insertedInTransaction.clear();
                insertedInTransaction.trimToSize();
                deletedInTransaction.clear();
                deletedInTransaction.trimToSize();
                if (listedAsOpen) {
                    OpenSessions.closed(id);
                }
                releaseConnection();
            }
        } finally {
            exit();
        }
    }

    /**
     * Begins a SAVEPOINT (SQLAlchemy's {@code begin_nested()}), flushing pending changes first.
     * {@link Savepoint#rollback()} undoes only what happened since, in the database and in the objects; so
     * does a flush that fails while it is the innermost active savepoint, and the outer transaction goes on.
     *
     * @return the savepoint
     */
    public Savepoint beginNested() {
        enter();
        try {
            requireUsable();
            requireNotFlushing("begin a savepoint", false);
            doFlush();
            NestedTransaction nested = connection().beginNested();
            Savepoint savepoint = new Savepoint(this, nested);
            savepoints.add(savepoint);
            return savepoint;
        } finally {
            exit();
        }
    }

    void releaseSavepoint(Savepoint savepoint, NestedTransaction nested) {
        enter();
        try {
            requireUsable();
            doFlush();
            nested.commit();
            int position = savepoints.indexOf(savepoint);
            SavepointJournal merged = collectJournals(position);
            if (position > 0) {
                merged.mergeInto(savepoints.get(position - 1).journal);
            }
        } finally {
            exit();
        }
    }

    void rollbackSavepoint(Savepoint savepoint, NestedTransaction nested) {
        enter();
        try {
            requireOpen();
            nested.rollback();
            restore(collectJournals(savepoints.indexOf(savepoint)));
            flushFailure = null;
        } finally {
            exit();
        }
    }

    /** Puts the objects back as they were when a savepoint began, once the database rolled back to it. */
    private void restore(SavepointJournal journal) {
        journal.restore(new SavepointJournal.SessionObjects(this, identityMap, pending, markedForDeletion,
                insertedInTransaction, deletedInTransaction, this::forgetInsert));
        relationships.afterSavepointRollback(identityMap.all());
    }

    /** Removes the savepoint at {@code position} and those begun after it, merging their journals. */
    private SavepointJournal collectJournals(int position) {
        SavepointJournal journal = savepoints.get(position).journal;
        while (savepoints.size() > position + 1) {
            savepoints.remove(savepoints.size() - 1).journal.mergeInto(journal);
        }
        savepoints.remove(position);
        return journal;
    }

    private Savepoint currentSavepoint() {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).isActive()) {
                return savepoints.get(i);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ refresh, expire, expunge, merge

    /**
     * Reloads a persistent object from the database now, overwriting every field (changes not flushed
     * are lost).
     *
     * @param object a persistent object of this session
     * @throws InvalidRequestException when the object is not persistent here, or its row is gone
     */
    public void refresh(Object object) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("refresh an object", true);
            InstanceState state = persistentState(object, "refresh");
            if (!refreshing.add(state)) {
                return;
            }
            try {
                refreshState(state);
            } finally {
                refreshing.remove(state);
            }
        } finally {
            exit();
        }
    }

    private void refreshState(InstanceState state) {
        Row row = selectByKey(state.mapper, state.key);
        if (row == null) {
            throw new InvalidRequestException("ATH-E064", "Could not refresh " + describe(state) + ": its row no"
                    + " longer exists in table '" + state.mapper.table().name() + "'.");
        }
        // Taken before the row is applied: the refresh marks the object's collections for reloading.
        List<Object> cascaded = state.mapper.relationships().isEmpty() ? List.of()
                : relationshipFlush.cascaded(state, io.athanor.orm.mapping.Cascade.REFRESH_EXPIRE);
        loader.refresh(state, row, true);
        if (!state.mapper.relationships().isEmpty()) {
            relationships.loadReferences(state);
        }
        for (Object related : cascaded) {
            InstanceState relatedState = stateOf(related);
            if (relatedState != null && relatedState.session == this
                    && relatedState.status == InstanceState.Status.PERSISTENT) {
                refresh(related);
            }
        }
    }

    /**
     * Marks a persistent object expired (SQLAlchemy's {@code expire}): the session reloads it before handing
     * it out again. Changes made to its fields before this call are discarded by that reload; changes made
     * after it are kept and flushed. Objects reached along {@code REFRESH_EXPIRE} cascades are expired too.
     *
     * @param object a persistent object of this session
     */
    public void expire(Object object) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("expire an object", true);
            expireCascading(persistentState(object, "expire"),
                    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        } finally {
            exit();
        }
    }

    private void expireCascading(InstanceState state, java.util.Set<InstanceState> visited) {
        if (!visited.add(state)) {
            return;
        }
        // Taken first: expiring unloads the object's collections.
        List<Object> cascaded = state.mapper.relationships().isEmpty() ? List.of()
                : relationshipFlush.cascaded(state, io.athanor.orm.mapping.Cascade.REFRESH_EXPIRE);
        state.expireDiscardingChanges();
        for (Object related : cascaded) {
            InstanceState relatedState = stateOf(related);
            if (relatedState != null && relatedState.session == this
                    && relatedState.status == InstanceState.Status.PERSISTENT) {
                expireCascading(relatedState, visited);
            }
        }
    }

    /** How many objects are pending or persistent: a flush's preparation tells from it whether cascades added any. */
    int heldCount() {
        return pending.size() + identityMap.size();
    }

    /** All pending and persistent states, for the unit of work's foreign-key pass. */
    List<InstanceState> states() {
        List<InstanceState> states = new ArrayList<>(pending.size() + identityMap.size());
        for (InstanceState state : pending) {
            // During a flush the objects inserted so far are still listed as pending, and in the identity map.
            if (state.status == InstanceState.Status.PENDING) {
                states.add(state);
            }
        }
        states.addAll(identityMap.all());
        return states;
    }

    /**
     * Expires every persistent object of the session (SQLAlchemy's {@code expire_all}); as with
     * {@link #expire(Object)}, changes made before this call are discarded by the reload.
     */
    public void expireAll() {
        enter();
        try {
            requireUsable();
            requireNotFlushing("expire objects", true);
            for (InstanceState state : identityMap.all()) {
                state.expireDiscardingChanges();
            }
        } finally {
            exit();
        }
    }

    /**
     * Removes an object from the session: a pending object becomes transient, a persistent one detached.
     * Its unflushed changes stay in its fields and are flushed if it is added again.
     *
     * @param object an object of this session
     */
    public void expunge(Object object) {
        enter();
        try {
            requireOpen();
            requireNotFlushing("expunge an object", true);
            InstanceState state = stateOf(object);
            if (state == null || state.session != this) {
                throw new InvalidRequestException("ATH-E071", describe(state == null
                        ? new InstanceState(object, null) : state) + " is not in " + this + ", so it cannot be expunged.");
            }
            expungeCascading(state);
        } finally {
            exit();
        }
    }

    /** Removes every object from the session (SQLAlchemy's {@code expunge_all}), e.g. between chunks of a batch job. */
    public void expungeAll() {
        enter();
        try {
            requireOpen();
            requireNotFlushing("expunge objects", true);
            for (InstanceState state : new ArrayList<>(pending)) {
                expungeState(state);
            }
            List<InstanceState> held = identityMap.all();
            rememberLeaving(held, false);
            for (InstanceState state : held) {
                detachExpunged(state);
            }
        } finally {
            exit();
        }
    }

    private void expungeCascading(InstanceState state) {
        List<Object> related = state.mapper.relationships().isEmpty() ? List.of()
                : relationshipFlush.cascaded(state, io.athanor.orm.mapping.Cascade.EXPUNGE);
        expungeState(state);
        for (Object object : related) {
            InstanceState relatedState = stateOf(object);
            if (relatedState != null && relatedState.session == this) {
                expungeCascading(relatedState);
            }
        }
    }

    /**
     * Records the persistent objects leaving the session as detached. At close, the transaction is rolled back
     * next, so the objects it inserted are left out: they go back to transient.
     */
    private void rememberLeaving(Collection<InstanceState> leaving, boolean beforeRollback) {
        List<InstanceState> remembered = null;
        java.util.Set<InstanceState> uncommitted = null;
        if (beforeRollback && !insertedInTransaction.isEmpty()) {
            uncommitted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            uncommitted.addAll(insertedInTransaction);
        }
        for (InstanceState state : leaving) {
            if (state.status == InstanceState.Status.PERSISTENT && DetachedObjects.recorded(state.mapper)
                    && (uncommitted == null || !uncommitted.contains(state))) {
                if (remembered == null) {
                    remembered = new ArrayList<>();
                }
                remembered.add(state);
            }
        }
        if (remembered != null) {
            DetachedObjects.remember(remembered);
        }
    }

    private void expungeState(InstanceState state) {
        if (state.status == InstanceState.Status.PENDING) {
            pending.remove(state);
            state.status = InstanceState.Status.TRANSIENT;
            state.detach();
        } else {
            rememberLeaving(List.of(state), false);
            detachExpunged(state);
        }
    }

    /** Takes a persistent (or deleted) state out of the session; the caller has recorded it as detached. */
    private void detachExpunged(InstanceState state) {
        identityMap.remove(state);
        markedForDeletion.remove(state);
        deletedInTransaction.remove(state);
        // Still listed as inserted: a rollback of this transaction makes it transient again (SQLAlchemy too).
        state.status = InstanceState.Status.DETACHED;
        state.detach();
    }

    /**
     * Copies the state of an object onto the persistent object with the same identity in this session,
     * loading it if needed, and returns that object (SQLAlchemy's {@code merge}). The given object is not
     * attached. Without an identity, or when no row has it, a new pending object is created.
     *
     * @param object a detached or transient object
     * @param <T> its class
     * @return the persistent (or new pending) object of this session
     */
    public <T> T merge(T object) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("merge an object", true);
            // Flushed once before, never during: an object being copied is half built until its related
            // objects are merged, and an autoflush from a get() along the way would write it as it is.
            autoflush();
            noAutoflushDepth++;
            try {
                if (merger == null) {
                    merger = new Merger(this);
                }
                return merger.merge(object);
            } finally {
                noAutoflushDepth--;
            }
        } finally {
            exit();
        }
    }

    // ------------------------------------------------------------------ inspection

    /**
     * Whether the object is pending or persistent in this session (SQLAlchemy's {@code obj in session}).
     *
     * @param object any object
     * @return true when it is
     */
    public boolean contains(Object object) {
        InstanceState state = stateOf(object);
        return state != null && state.session == this
                && (state.status == InstanceState.Status.PENDING || state.status == InstanceState.Status.PERSISTENT);
    }

    /**
     * Whether the next flush would write the object: it is pending, or a persistent object whose fields
     * differ from what was loaded.
     *
     * @param object an object
     * @return true when it has changes to flush
     */
    public boolean isModified(Object object) {
        InstanceState state = stateOf(object);
        if (state == null || state.session != this) {
            return false;
        }
        return state.status == InstanceState.Status.PENDING
                || (state.status == InstanceState.Status.PERSISTENT && UnitOfWork.changes(state) != null);
    }

    /** The pending objects, in the order they were added (SQLAlchemy's {@code session.new}). */
    public List<Object> newObjects() {
        List<Object> objects = new ArrayList<>(pending.size());
        for (InstanceState state : pending) {
            if (state.status == InstanceState.Status.PENDING) {
                objects.add(state.object());
            }
        }
        return objects;
    }

    /** The persistent objects whose fields differ from what was loaded (SQLAlchemy's {@code session.dirty}). */
    public List<Object> dirty() {
        List<Object> objects = new ArrayList<>();
        for (InstanceState state : identityMap.all()) {
            if (state.status == InstanceState.Status.PERSISTENT && !state.markedForDeletion
                    && UnitOfWork.changes(state) != null) {
                objects.add(state.object());
            }
        }
        return objects;
    }

    /** The objects marked for deletion and not yet flushed (SQLAlchemy's {@code session.deleted}). */
    public List<Object> deleted() {
        List<Object> objects = new ArrayList<>(markedForDeletion.size());
        for (InstanceState state : markedForDeletion) {
            objects.add(state.object());
        }
        return objects;
    }

    // ------------------------------------------------------------------ statements, autoflush

    /**
     * Executes a statement in the session's transaction, after an autoflush (SQLAlchemy's
     * {@code session.execute}). A SELECT's rows hold identity-mapped objects where it selects mapped
     * classes; a bulk UPDATE brings loaded objects of the matched rows up to date, and a bulk DELETE
     * removes them from the session; {@link Result#rowCount()} gives the rows matched.
     *
     * @param statement a SELECT, INSERT, UPDATE, DELETE, UNION or {@code Sql.text(..)}
     * @return the result
     */
    public Result execute(Statement statement) {
        enter();
        try {
            requireUsable();
            if (statement instanceof Insert || statement instanceof io.athanor.orm.sql.Update
                    || statement instanceof io.athanor.orm.sql.Delete) {
                requireNotFlushing("run a bulk INSERT, UPDATE or DELETE", true);
            }
            autoflush();
            if (statement instanceof CompilableStatement) {
                return queries.execute((CompilableStatement) statement);
            }
            return connection().execute(statement);
        } finally {
            exit();
        }
    }

    /**
     * Executes an INSERT once per row, as one JDBC batch (SQLAlchemy's ORM bulk insert):
     *
     * <pre>{@code
     * session.execute(insert(Customer.class), List.of(Map.of("name", "Ed"), Map.of("name", "Wendy")));
     * }</pre>
     *
     * @param insert the INSERT of a mapped class
     * @param rows one map of values by attribute name per row; all name the same attributes
     * @return a result whose row count is the rows inserted
     */
    public Result execute(Insert insert, List<? extends Map<String, ?>> rows) {
        enter();
        try {
            requireUsable();
            requireNotFlushing("run a bulk INSERT", true);
            autoflush();
            return queries.insertMany(insert, rows);
        } finally {
            exit();
        }
    }

    /**
     * The first item of each row of a SELECT: for {@code select(User.class)}, the {@code User}s, through the
     * identity map (the same object for the same row; expired objects are refreshed by the row), after an
     * autoflush (SQLAlchemy's {@code session.scalars}).
     *
     * <pre>{@code
     * List<User> users = session.scalars(select(User.class).where(col("name").in("spongebob", "sandy"))).all();
     * }</pre>
     *
     * @param select the SELECT
     * @param <T> what it selects
     * @return the values, read from the cursor as they are asked for
     */
    public <T> ScalarResult<T> scalars(Select<T> select) {
        enter();
        try {
            requireUsable();
            autoflush();
            return queries.scalars(select);
        } finally {
            exit();
        }
    }

    /**
     * A legacy query (SQLAlchemy 1.x's {@code session.query(User)}), a thin layer over {@code select}:
     * {@code session.query(User.class).filterBy("name", "ed").first()}.
     *
     * @param entity the mapped class
     * @param <T> the class
     * @return the query
     */
    public <T> Query<T> query(Class<T> entity) {
        requireUsable();
        return new Query<>(this, Sql.select(entity));
    }

    /**
     * Runs {@code work} with autoflush off (SQLAlchemy's {@code with session.no_autoflush:}).
     *
     * @param work the work
     */
    public void noAutoflush(Runnable work) {
        noAutoflush(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} with autoflush off and returns its value. The session counts as in use by this
     * thread while the block runs.
     *
     * @param work the work
     * @param <T> the value's type
     * @return what {@code work} returned
     */
    public <T> T noAutoflush(Supplier<T> work) {
        enter();
        noAutoflushDepth++;
        try {
            return work.get();
        } finally {
            noAutoflushDepth--;
            exit();
        }
    }

    /**
     * Turns autoflush on or off for this session.
     *
     * @param autoflush whether queries and {@code get} flush pending changes first
     */
    public void setAutoflush(boolean autoflush) {
        this.autoflush = autoflush;
    }

    /** Whether queries and {@code get} flush pending changes first. */
    public boolean isAutoflush() {
        return autoflush;
    }

    /** The factory that opened this session. */
    public SessionFactory factory() {
        return factory;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The connection of the session's transaction, beginning one if none is active. For interoperation
     * with code that needs the same transaction; do not commit or close it directly.
     *
     * @return the connection
     * @throws InvalidRequestException ({@code ATH-E065}) when another thread is using the session: the
     *         connection carries the session's transaction
     */
    public Connection connection() {
        enter();
        try {
            requireUsable();
            if (connection == null) {
                connection = openedAt == null ? engine.connect() : engine.connect("a session", openedAt);
            }
            return connection;
        } finally {
            exit();
        }
    }

    void autoflush() {
        if (autoflush && noAutoflushDepth == 0 && !flushing) {
            doFlush();
        }
    }

    // ------------------------------------------------------------------ callbacks from the unit of work

    /** The unit of work is about to insert {@code count} objects of {@code mapper}: the identity map makes room. */
    void inserting(Mapper<?> mapper, int count) {
        identityMap.makeRoomFor(mapper, count);
    }

    void inserted(InstanceState state, Object[] snapshot, Object[] beforeInsert) {
        // Left in pending until the unit of work is done (dropInsertedFromPending): its status tells.
        insertedByFlush++;
        capturedBeforeInsert |= beforeInsert != null;
        // Written now: fresh until the next expiring commit (an expiry the INSERT itself asked for stays).
        state.freshAsOf = expiringCommits;
        state.key = state.mapper.identityOfObject(state.object());
        state.snapshot = snapshot;
        state.status = InstanceState.Status.PERSISTENT;
        state.beforeInsert = beforeInsert;
        identityMap.put(state);
        insertedInTransaction.add(state);
    }

    void deletedByFlush(InstanceState state) {
        markedForDeletion.remove(state);
        state.markedForDeletion = false;
        state.status = InstanceState.Status.DELETED;
        identityMap.remove(state);
        deletedInTransaction.add(state);
    }

    /**
     * A bulk UPDATE is about to write the values of a loaded object's row: the current savepoint remembers
     * the values the object had, so that rolling it back restores them.
     */
    void bulkUpdating(InstanceState state) {
        Savepoint savepoint = currentSavepoint();
        if (savepoint != null && state.snapshot != null) {
            savepoint.journal.recordUpdate(state);
        }
    }

    /**
     * A bulk UPDATE gave rows of loaded objects new primary keys: the identity map files each object under
     * its new key, and the transaction and savepoint remember the old one for a rollback.
     */
    void rekeyed(Map<InstanceState, Object> newKeys) {
        Savepoint savepoint = currentSavepoint();
        newKeys.keySet().forEach(state -> {
            keySwitches.record(state);
            if (savepoint != null) {
                savepoint.journal.keySwitches.record(state);
            }
            identityMap.remove(state);
        });
        // Put back only after all are out: one object's new key may be another's old one.
        newKeys.forEach((state, key) -> {
            state.key = key;
            identityMap.put(state);
        });
    }

    /** Tells the mapper listeners of the object's class about a unit-of-work step. */
    void fire(Object object, java.util.function.BiConsumer<MapperListener<Object>, Object> event) {
        for (MapperListener<Object> listener : factory.mapperListeners().of(object.getClass())) {
            event.accept(listener, object);
        }
    }

    boolean hasMapperListeners() {
        return !factory.mapperListeners().isEmpty();
    }

    InstanceState stateFor(Object object, Mapper<?> mapper) {
        InstanceState state = stateOf(object);
        if (state == null) {
            state = new InstanceState(object, mapper);
            adopt(state, object);
        }
        return state;
    }

    /**
     * What Athanor knows about an object, from this session's point of view: its state here, else its
     * state as a detached object or as an object of another open session; null for an object never seen.
     */
    InstanceState stateOf(Object object) {
        InstanceState state = states.get(object);
        if (state != null) {
            return state;
        }
        state = OpenSessions.attachedElsewhere(object, this);
        if (state != null || !registry.isMapped(object.getClass())) {
            return state;
        }
        // In no session: detached if it left a session with this identity, else new (see DetachedObjects).
        return DetachedObjects.stateOf(object, registry.mapper(object.getClass()));
    }

    /** The number of commits that expired this session's objects (see {@link InstanceState#expiredNow()}). */
    int expiringCommits() {
        return expiringCommits;
    }

    /** Records a state as this session's (a detached object coming back, or a new one). */
    void adopt(InstanceState state, Object object) {
        if (!listedAsOpen) {
            listedAsOpen = true;
            OpenSessions.opened(this, id);
        }
        states.put(object, state);
    }

    /** This session's own state for the object, or null; read by other sessions' misuse checks. */
    InstanceState ownState(Object object) {
        return states.get(object);
    }

    /** Called as a state leaves this session. */
    void released(InstanceState state, Object object) {
        if (!closed) {
            states.remove(object);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean reload(InstanceState state) {
        Row row = selectByKey(state.mapper, state.key);
        if (row == null) {
            forgetVanished(state);
            return false;
        }
        loader.refresh(state, row, false);
        if (!state.mapper.relationships().isEmpty()) {
            relationships.loadReferences(state);
        }
        return true;
    }

    /** An expired object whose row is gone (deleted by another transaction) leaves the session. */
    private void forgetVanished(InstanceState state) {
        identityMap.remove(state);
        state.status = InstanceState.Status.DETACHED;
        state.detach();
    }

    private Row selectByKey(Mapper<?> mapper, Object key) {
        Object[] values = mapper.primaryKeyAttributes().size() == 1 ? new Object[] {key} : ((List<?>) key).toArray();
        return connection().execute(EntityStatements.of(mapper, connection().dialect()).selectByKey(), values).oneOrNull();
    }

    private InstanceState persistentState(Object object, String operation) {
        InstanceState state = stateOf(object);
        if (state == null || state.session != this || state.status != InstanceState.Status.PERSISTENT) {
            throw new InvalidRequestException("ATH-E071", describe(state == null ? new InstanceState(object, null) : state)
                    + " is not persistent in " + this + ", so it cannot " + operation + ". Only objects loaded or"
                    + " flushed in this session can; add() a detached object first, flush() a pending one.");
        }
        return state;
    }

    private void releaseConnection() {
        if (connection != null && joined == null) {
            Connection released = connection;
            connection = null;
            released.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new InvalidRequestException("ATH-E066", this + " is closed; open a new one with"
                    + " sessionFactory.openSession().");
        }
    }

    private void requireUsable() {
        requireOpen();
        if (flushFailure != null) {
            throw new InvalidRequestException("ATH-E067", "This Session's transaction was rolled back because of an"
                    + " earlier error during flush: " + flushFailure.getMessage() + " Call session.rollback() before"
                    + " using the session again; then apply the changes again.", flushFailure);
        }
        for (Savepoint savepoint : savepoints) {
            InvalidRequestException refusal = savepoint.refusal();
            if (refusal != null) {
                throw refusal;
            }
        }
    }

    private void enter() {
        guard.enter(this);
    }

    private void exit() {
        guard.exit();
    }

    static String describe(InstanceState state) {
        Object object = state.object();
        String name = object == null ? "object" : object.getClass().getSimpleName();
        return state.key == null ? name + "@" + Integer.toHexString(System.identityHashCode(object))
                : name + "(" + state.key + ")";
    }

    @Override
    public String toString() {
        return "Session#" + id;
    }

    /** Where a session was opened: the second stack trace of a leak warning (ATH-E099). */
    private static final class OpenedHere extends Exception {
        private static final long serialVersionUID = 1L;

        OpenedHere(String thread) {
            super("The session was opened here, by thread '" + thread + "'");
        }
    }
}
