package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.schema.Table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Makes {@link Session}s with one configuration (SQLAlchemy's {@code sessionmaker}). One per
 * application; thread-safe.
 *
 * <pre>{@code
 * SessionFactory sessions = SessionFactory.of(engine, registry);
 * Customer ed = sessions.inTransaction(session -> {
 *     Customer customer = new Customer("Ed", "UK");
 *     session.add(customer);
 *     return customer;
 * });                                   // committed, or rolled back if the callback threw
 * }</pre>
 */
public final class SessionFactory {

    private final Engine engine;
    private final Registry registry;
    private final boolean autoflush;
    private final boolean expireOnCommit;
    private final CurrentSessionContext currentSessionContext;
    private final List<SessionListener> listeners;
    private final MapperListeners mapperListeners;
    private final int nPlusOneThreshold;
    private final boolean nPlusOneRaises;
    private volatile Map<String, Integer> tableRank;

    SessionFactory(Engine engine, Registry registry, boolean autoflush, boolean expireOnCommit,
                   CurrentSessionContext currentSessionContext, List<SessionListener> listeners,
                   MapperListeners mapperListeners, int nPlusOneThreshold, boolean nPlusOneRaises) {
        this.engine = engine;
        this.registry = registry;
        this.autoflush = autoflush;
        this.expireOnCommit = expireOnCommit;
        this.currentSessionContext = currentSessionContext;
        this.listeners = List.copyOf(listeners);
        this.mapperListeners = mapperListeners;
        this.nPlusOneThreshold = nPlusOneThreshold;
        this.nPlusOneRaises = nPlusOneRaises;
    }

    int nPlusOneThreshold() {
        return nPlusOneThreshold;
    }

    boolean nPlusOneRaises() {
        return nPlusOneRaises;
    }

    /**
     * A factory with the defaults: autoflush and expire-on-commit on.
     *
     * @param engine the database
     * @param registry the mapped classes
     * @return the factory
     */
    public static SessionFactory of(Engine engine, Registry registry) {
        return builder(engine, registry).build();
    }

    /**
     * A builder for a factory with settings.
     *
     * @param engine the database
     * @param registry the mapped classes
     * @return the builder
     */
    public static SessionFactoryBuilder builder(Engine engine, Registry registry) {
        return new SessionFactoryBuilder(engine, registry);
    }

    /** Opens a new session; close it when the unit of work is done (try-with-resources). */
    public Session openSession() {
        return new Session(this);
    }

    /**
     * Opens a session that works in a transaction another component manages (SQLAlchemy's session bound
     * to an external connection): it runs its statements on {@code connection}, does not commit, roll back
     * or close it, and refuses {@code commit()} and {@code rollback()}. Integrations call
     * {@link Session#beforeExternalCommit()} and {@link Session#afterExternalCompletion(boolean)}.
     *
     * @param connection a connection from {@link Engine#join(java.sql.Connection)}
     * @return the session
     */
    public Session openSession(io.athanor.orm.engine.Connection connection) {
        return new Session(this, connection);
    }

    /**
     * The session of the current unit of work, as the configured {@link CurrentSessionContext} defines it:
     * with the Spring Boot starter, the session bound to the current Spring transaction.
     *
     * @return the current session
     * @throws io.athanor.orm.InvalidRequestException when there is no current unit of work
     */
    public Session currentSession() {
        if (currentSessionContext == null) {
            throw new io.athanor.orm.InvalidRequestException("ATH-E075", "currentSession() needs a current-session"
                    + " context, and this SessionFactory has none. Open a session with openSession() (or"
                    + " inTransaction(..)), or use the Spring Boot starter, which binds one to each @Transactional"
                    + " method.");
        }
        return currentSessionContext.currentSession(this);
    }

    List<SessionListener> listeners() {
        return listeners;
    }

    MapperListeners mapperListeners() {
        return mapperListeners;
    }

    /**
     * Runs {@code work} in a new session and commits, or rolls back when it throws; returns its value
     * (SQLAlchemy's {@code with Session.begin() as session:}).
     *
     * @param work the work
     * @param <T> the value's type
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        try (Session session = openSession()) {
            T result = work.apply(session);
            session.commit();
            return result;
        }
    }

    /**
     * Runs {@code work} in a new session and commits, or rolls back when it throws.
     *
     * @param work the work
     */
    public void useTransaction(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /** The engine sessions connect through. */
    public Engine engine() {
        return engine;
    }

    /** The registry of mapped classes. */
    public Registry registry() {
        return registry;
    }

    /** Whether new sessions autoflush. */
    public boolean autoflush() {
        return autoflush;
    }

    /** Whether new sessions expire their objects at commit. */
    public boolean expireOnCommit() {
        return expireOnCommit;
    }

    /** Each table's position in foreign-key order, for the unit of work; computed once. */
    Map<String, Integer> tableRank() {
        Map<String, Integer> rank = tableRank;
        if (rank == null || rank.size() != registry.metadata().tables().size()) {
            List<Table> sorted = registry.metadata().sortedTables();
            rank = new HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                rank.put(sorted.get(i).name(), i);
            }
            tableRank = Map.copyOf(rank);
        }
        return rank;
    }
}
