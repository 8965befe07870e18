package io.athanor.orm;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Customer;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's examples as written. */
class ReadmeExampleTest {

    @Test
    void theFirstExampleRunsAsWritten() {
        String name;
        // --- README: engine example (keep in sync) ---
        try (Engine engine = Engine.create("jdbc:h2:mem:shop")) {      // no connection opened yet
            try (Connection conn = engine.connect()) {                   // first connection here
                conn.execute(Sql.text("create table salesperson (id int primary key, name varchar(50))"));
                conn.execute(Sql.text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
                conn.commit();
                name = conn.execute(Sql.text("select name from salesperson where id = :id").bind("id", 1)).scalar();
            }                                                            // closing without commit rolls back
        }
        // --- end of README example ---
        assertThat(name).isEqualTo("John Doe");
    }

    @Test
    void theSessionWalkThroughRunsAsWritten() {
        try (Engine engine = Engine.create("jdbc:h2:mem:walkthrough")) {
            // --- README: session walk-through (keep in sync) ---
            Registry registry = Registry.of(Customer.class);           // the declarative base: a catalog of classes and tables
            registry.metadata().createAll(engine);
            SessionFactory sessions = SessionFactory.of(engine, registry);  // sessionmaker(bind=engine)
            try (Session session = sessions.openSession()) {
                Customer ed = new Customer("Ed", "UK");
                session.add(ed);                                          // pending, no SQL yet
                assertThat(Athanor.inspect(ed).isPending()).isTrue();
                session.commit();                                         // INSERT, key fetched back
                assertThat(ed.getId()).isEqualTo(1L);
                assertThat(session.get(Customer.class, ed.getId())).isSameAs(ed);   // one object per row

                ed.setCountry("FR");                                      // a plain field write
                assertThat(session.dirty()).containsExactly(ed);
                long french = session.execute(Sql.text("select count(*) from customers where country = :c")
                        .bind("c", "FR")).scalar(Long.class);             // autoflush: UPDATE customers SET country = ? first
                assertThat(french).isEqualTo(1);

                session.rollback();                                       // undone; ed is expired
                assertThat(session.get(Customer.class, 1L).getCountry()).isEqualTo("UK");  // reloaded

                session.delete(ed);
                session.commit();                                         // DELETE
                assertThat(Athanor.inspect(ed).isDetached()).isTrue();
                assertThat(session.get(Customer.class, 1L)).isNull();
            }
            // --- end of README walk-through ---
        }
    }
}
