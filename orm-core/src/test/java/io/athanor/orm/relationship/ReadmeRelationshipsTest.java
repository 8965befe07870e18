package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's "Relationships" and "Loading strategies" examples as written (keep in sync). */
class ReadmeRelationshipsTest {

    @Test
    void theRelationshipExamplesRunAsWritten() {
        try (Engine engine = Engine.create("jdbc:h2:mem:readme_relationships")) {
            Registry registry = Registry.of(Person.class, Email.class, Node.class);
            registry.metadata().createAll(engine);
            SessionFactory sessions = SessionFactory.builder(engine, registry).nPlusOneThreshold(10).build();
            // --- README: relationships (keep in sync) ---
            try (Session session = sessions.openSession()) {
                Person sandy = new Person("sandy");
                sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
                session.add(sandy);                                      // the addresses go along (save-update cascade)
                Email work = new Email("sandy@squirrelpower.org");
                sandy.getAddresses().add(work);                           // sets work.getPerson() == sandy at once
                session.commit();                                         // INSERT the person, then both addresses with her key

                sandy.getAddresses().remove(work);                        // delete-orphan: DELETE at the next flush
                session.commit();
                session.delete(sandy);                                    // cascade: her remaining address is deleted first
                session.commit();
            }
            // --- end ---
            sessions.useTransaction(session -> {
                for (String name : List.of("spongebob", "patrick")) {
                    Person person = new Person(name);
                    person.getAddresses().add(new Email(name + "@sqlalchemy.org"));
                    session.add(person);
                }
            });
            // --- README: loading strategies (keep in sync) ---
            try (Session session = sessions.openSession()) {
                List<Person> people = session.scalars(select(Person.class)
                        .options(Load.selectin("addresses"))).all();             // 2 SELECTs, however many people
                List<Email> emails = session.scalars(select(Email.class)).all();  // their persons: from the identity map
                Person first = session.scalars(select(Person.class).where(col("name").eq("spongebob"))
                        .options(Load.raise("addresses"))).one();                  // already loaded above: no error
                // --- end ---
                assertThat(people).hasSize(2);
                assertThat(people.stream().mapToInt(person -> person.getAddresses().size()).sum()).isEqualTo(2);
                assertThat(emails).extracting(email -> email.getPerson().getName()).containsExactlyInAnyOrder("spongebob",
                        "patrick");
                assertThat(first.getAddresses()).hasSize(1);
            }
        }
    }

    @Test
    void theBothSidesExampleRunsAsWritten() {
        try (Engine engine = Engine.create("jdbc:h2:mem:readme_both_sides")) {
            Registry registry = Registry.of(Person.class, Email.class);
            registry.metadata().createAll(engine);
            SessionFactory sessions = SessionFactory.of(engine, registry);
            sessions.useTransaction(session -> {
                Person sandy = new Person("sandy");
                sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
                session.addAll(List.of(sandy, new Person("patrick")));
            });
            // --- README: both sides in step (keep in sync) ---
            try (Session session = sessions.openSession()) {
                Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
                Person patrick = session.scalars(select(Person.class).where(col("name").eq("patrick"))).one();
                Email address = sandy.getAddresses().get(0);
                address.setPerson(patrick);                   // the many-to-one changed; sandy's collection did not
                session.flush();                              // UPDATE address SET user_id = <patrick's id> ...
                assertThat(!sandy.getAddresses().contains(address) && patrick.getAddresses().contains(address)).isTrue();
                session.commit();
            }
            // --- end of README example ---
            try (Session session = sessions.openSession()) {
                assertThat(session.get(Email.class, 1L).getPersonId()).isEqualTo(2L);
            }
        }
    }
}
