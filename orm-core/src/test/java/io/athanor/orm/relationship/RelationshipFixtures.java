package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;

/** The relationship model the both-sides and discard tests share: its tables, a factory, two small graphs. */
final class RelationshipFixtures {

    private RelationshipFixtures() {
    }

    /** Every class of the model, tables created, on an echoing engine. */
    static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Person.class, Email.class, Team.class, Player.class, Student.class,
                Course.class, Enrollment.class, Citizen.class, Passport.class, Driver.class, License.class, Node.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    /** sandy with two addresses, patrick with none. */
    static void sandyAndPatrick(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Person sandy = new Person("sandy");
            sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
            sandy.getAddresses().add(new Email("sandy@squirrelpower.org"));
            session.addAll(List.of(sandy, new Person("patrick")));
        });
    }

    /** The reds with ann and bob, the blues with nobody. */
    static void redsAndBlues(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Team reds = new Team("reds");
            reds.getPlayers().add(new Player("ann"));
            reds.getPlayers().add(new Player("bob"));
            session.addAll(List.of(reds, new Team("blues")));
        });
    }

    static Person person(Session session, String name) {
        return session.scalars(select(Person.class).where(col("name").eq(name))).one();
    }

    static long count(Session session, String sql) {
        return session.execute(Sql.text(sql)).scalar(Long.class);
    }
}
