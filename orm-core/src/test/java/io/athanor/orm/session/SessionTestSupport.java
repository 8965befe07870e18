package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.testing.TestDatabase;

/** A registry of the test model, its tables created, and a session factory on an echoing engine. */
final class SessionTestSupport {

    private SessionTestSupport() {
    }

    static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Customer.class, Invoice.class, OrderLine.class, Account.class, Ticket.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    /** A session factory for one class's table, with a listener for that class. */
    static <T> SessionFactory sessions(TestDatabase db, Class<T> type, MapperListener<T> listener) {
        Engine engine = db.engine();
        Registry registry = Registry.of(type);
        registry.metadata().createAll(engine);
        return SessionFactory.builder(engine, registry).listener(type, listener).build();
    }

    /** Commits a new customer called {@code name} in a transaction of its own; returns its key. */
    static Long saved(SessionFactory sessions, String name) {
        return sessions.inTransaction(session -> ObjectStatesTest.flushAndGetId(session, new Customer(name, "UK")));
    }
}
