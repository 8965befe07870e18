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
    private final java.util.List<SessionListener> listeners = new java.util.ArrayList<>();

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

    /** The engine the factory will use. */
    public Engine engine() {
        return engine;
    }

    /** Creates the factory. */
    public SessionFactory build() {
        return new SessionFactory(engine, registry, autoflush, expireOnCommit, currentSessionContext, listeners);
    }
}
