package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;

/** Settings of a {@link SessionFactory}, from {@link SessionFactory#builder(Engine, Registry)}. */
public final class SessionFactoryBuilder {

    private final Engine engine;
    private final Registry registry;
    private boolean autoflush = true;
    private boolean expireOnCommit = true;
    private CurrentSessionContext currentSessionContext;
    private int nPlusOneThreshold;
    private boolean nPlusOneRaises;
    private final java.util.List<SessionListener> listeners = new java.util.ArrayList<>();
    private final java.util.List<java.util.Map.Entry<Class<?>, MapperListener<?>>> mapperListeners =
            new java.util.ArrayList<>();

    SessionFactoryBuilder(Engine engine, Registry registry) {
        this.engine = engine;
        this.registry = registry;
    }

    /**
     * Whether sessions flush pending changes before queries and before {@code get} looks in the
     * database. Default true.
     *
     * @param autoflush the setting
     * @return this builder
     */
    public SessionFactoryBuilder autoflush(boolean autoflush) {
        this.autoflush = autoflush;
        return this;
    }

    /**
     * Whether sessions expire every object at commit, so that it is reloaded before it is handed out
     * again. Default true.
     *
     * @param expireOnCommit the setting
     * @return this builder
     */
    public SessionFactoryBuilder expireOnCommit(boolean expireOnCommit) {
        this.expireOnCommit = expireOnCommit;
        return this;
    }

    /**
     * Where {@link SessionFactory#currentSession()} finds the current session.
     *
     * @param context the context
     * @return this builder
     */
    public SessionFactoryBuilder currentSessionContext(CurrentSessionContext context) {
        this.currentSessionContext = context;
        return this;
    }

    /**
     * Adds a listener to every session of the factory.
     *
     * @param listener the listener
     * @return this builder
     */
    public SessionFactoryBuilder listener(SessionListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Adds a listener for objects of one mapped class (and its subclasses).
     *
     * @param type the class
     * @param listener the listener
     * @param <T> the class
     * @return this builder
     */
    public <T> SessionFactoryBuilder listener(Class<T> type, MapperListener<? super T> listener) {
        mapperListeners.add(java.util.Map.entry(type, listener));
        return this;
    }

    /**
     * Adds a listener for objects of every mapped class.
     *
     * @param listener the listener
     * @return this builder
     */
    public SessionFactoryBuilder mapperListener(MapperListener<Object> listener) {
        mapperListeners.add(java.util.Map.entry(Object.class, listener));
        return this;
    }

    /**
     * The N+1 guard: when one relationship is loaded lazily, one parent at a time, more than
     * {@code threshold} times in a session, log a warning naming it and the {@code Load.selectin(..)}
     * that would load it at once. 0 (the default) turns the guard off.
     *
     * @param threshold lazy loads allowed per relationship and session
     * @return this builder
     */
    public SessionFactoryBuilder nPlusOneThreshold(int threshold) {
        this.nPlusOneThreshold = threshold;
        return this;
    }

    /**
     * Makes the N+1 guard raise {@code InvalidRequestException} instead of logging (for tests).
     *
     * @param raise whether to raise
     * @return this builder
     */
    public SessionFactoryBuilder nPlusOneRaises(boolean raise) {
        this.nPlusOneRaises = raise;
        return this;
    }

    /** The engine the factory will use. */
    public Engine engine() {
        return engine;
    }

    /** Creates the factory. */
    public SessionFactory build() {
        return new SessionFactory(engine, registry, autoflush, expireOnCommit, currentSessionContext, listeners,
                new MapperListeners(mapperListeners), nPlusOneThreshold, nPlusOneRaises);
    }
}
