package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session and mapper events, in SQLAlchemy's order. */
class EventsTest {

    private final List<String> events = new ArrayList<>();

    private SessionFactory sessions(TestDatabase db, java.util.function.UnaryOperator<SessionFactoryBuilder> extra) {
        Engine engine = db.engine();
        Registry registry = Registry.of(Customer.class, Invoice.class);
        registry.metadata().createAll(engine);
        SessionFactoryBuilder builder = SessionFactory.builder(engine, registry)
                .listener(new SessionListener() {
                    @Override
                    public void beforeFlush(Session session) {
                        events.add("beforeFlush");
                    }

                    @Override
                    public void afterFlush(Session session) {
                        events.add("afterFlush");
                    }

                    @Override
                    public void beforeCommit(Session session) {
                        events.add("beforeCommit");
                    }

                    @Override
                    public void afterCommit(Session session) {
                        events.add("afterCommit");
                    }

                    @Override
                    public void afterRollback(Session session) {
                        events.add("afterRollback");
                    }
                })
                .listener(Customer.class, new MapperListener<Customer>() {
                    @Override
                    public void beforeInsert(Session session, Customer customer) {
                        events.add("beforeInsert " + customer.getName());
                    }

                    @Override
                    public void afterInsert(Session session, Customer customer) {
                        events.add("afterInsert " + customer.getName() + " id=" + customer.getId());
                    }

                    @Override
                    public void beforeUpdate(Session session, Customer customer) {
                        events.add("beforeUpdate " + customer.getName());
                    }

                    @Override
                    public void afterUpdate(Session session, Customer customer) {
                        events.add("afterUpdate " + customer.getName());
                    }

                    @Override
                    public void beforeDelete(Session session, Customer customer) {
                        events.add("beforeDelete " + customer.getName());
                    }

                    @Override
                    public void afterDelete(Session session, Customer customer) {
                        events.add("afterDelete " + customer.getName());
                    }

                    @Override
                    public void load(Session session, Customer customer) {
                        events.add("load " + customer.getName());
                    }
                });
        return extra.apply(builder).build();
    }

    @AcrossDatabases
    void aFullLifecycleFiresEventsInOrder(TestDatabase db) {
        SessionFactory sessions = sessions(db, builder -> builder);
        Long id;
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.commit();
            id = ed.getId();
        }
        try (Session session = sessions.openSession()) {
            Customer ed = session.get(Customer.class, id);
            ed.setName("Edward");
            session.commit();
            session.delete(session.get(Customer.class, id));
            session.flush();
            session.rollback();
        }

        assertThat(events).containsExactly(
                "beforeCommit", "beforeFlush", "beforeInsert Ed", "afterInsert Ed id=" + id, "afterFlush", "afterCommit",
                "load Ed",
                "beforeCommit", "beforeFlush", "beforeUpdate Edward", "afterUpdate Edward", "afterFlush", "afterCommit",
                "beforeFlush", "beforeDelete Edward", "afterDelete Edward", "afterFlush",
                "afterRollback");
    }

    @AcrossDatabases
    void beforeFlushMayAddObjectsThatTheSameFlushWrites(TestDatabase db) {
        SessionFactory sessions = sessions(db, builder -> builder.listener(new SessionListener() {
            @Override
            public void beforeFlush(Session session) {
                if (session.newObjects().stream().anyMatch(object -> object instanceof Customer)) {
                    session.add(new Customer("Audit", "XX"));
                }
            }
        }));
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));
            session.flush();

            assertThat(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class)).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void aClassListenerHearsOnlyItsClass(TestDatabase db) {
        SessionFactory sessions = sessions(db, builder -> builder);
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            session.add(new Invoice(ed.getId(), BigDecimal.TEN));
            events.clear();
            session.flush();

            assertThat(events).containsExactly("beforeFlush", "afterFlush");
        }
    }

    @AcrossDatabases
    void flushingInsideAFlushEventIsRefused(TestDatabase db) {
        SessionFactory sessions = sessions(db, builder -> builder.listener(Customer.class, new MapperListener<Customer>() {
            @Override
            public void beforeInsert(Session session, Customer customer) {
                session.flush();
            }
        }));
        try (Session session = sessions.openSession()) {
            session.add(new Customer("Ed", "UK"));

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E070] " + session + " is flushing, so it cannot flush now: code that"
                            + " runs while a flush writes");
        }
    }
}
