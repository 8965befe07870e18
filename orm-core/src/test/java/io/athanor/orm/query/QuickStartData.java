package io.athanor.orm.query;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

/** The Quick Start's users and addresses, on a fresh database. */
final class QuickStartData {

    private QuickStartData() {
    }

    static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(User.class, Address.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            User spongebob = new User("spongebob", "Spongebob Squarepants");
            User sandy = new User("sandy", "Sandy Cheeks");
            User patrick = new User("patrick", "Patrick Star");
            session.addAll(List.of(spongebob, sandy, patrick));
            session.flush();
            session.addAll(List.of(new Address("spongebob@sqlalchemy.org", spongebob.getId()),
                    new Address("sandy@sqlalchemy.org", sandy.getId()),
                    new Address("sandy@squirrelpower.org", sandy.getId())));
        });
        return sessions;
    }

    static Session open(TestDatabase db) {
        return sessions(db).openSession();
    }
}
