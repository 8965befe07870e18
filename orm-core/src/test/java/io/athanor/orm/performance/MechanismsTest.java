package io.athanor.orm.performance;

import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.relationship.Email;
import io.athanor.orm.relationship.Person;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.CompiledCache;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mechanisms behind the benchmarks' speed, pinned without timing anything: how many statements a
 * flush or a load sends, and that compiled statements are reused.
 */
class MechanismsTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Part.class, Tag.class, Person.class, Email.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    private static List<String> inserts(SqlRecorder sql) {
        return sql.statementsWithParameters().stream().filter(statement -> statement.startsWith("INSERT")).toList();
    }

    @AcrossDatabases
    void aFlushOf2500NewRowsSendsThreeBatchesOfAtMost1000(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        List<Part> parts = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            parts.add(new Part(i, "part " + i));
        }
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.addAll(parts);
            session.flush();

            List<String> inserts = inserts(sql);
            assertThat(inserts).hasSize(3);
            assertThat(inserts).allMatch(statement -> statement.startsWith("INSERT INTO part (id, name) VALUES (?, ?)\n"));
            assertThat(inserts.get(0)).contains("[1000 parameter sets: (id=1, name='part 1')");
            assertThat(inserts.get(1)).contains("[1000 parameter sets: (id=1001, name='part 1001')");
            assertThat(inserts.get(2)).contains("[500 parameter sets: (id=2001, name='part 2001')");
            session.commit();
            assertThat(session.execute(Sql.text("select count(*) from part")).scalar(Long.class)).isEqualTo(2500L);
        }
    }

    @AcrossDatabases
    void generatedKeysOf2500NewRowsComeBackInThreeStatementsEachToItsOwnObject(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        List<Tag> tags = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            tags.add(new Tag("tag " + i));
        }
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.addAll(tags);
            session.flush();

            List<String> inserts = inserts(sql);
            assertThat(inserts).hasSize(3);
            if (db.dialect().supports(Capability.MULTI_ROW_INSERT_RETURNING)) {
                // PostgreSQL: 1,000 rows per INSERT ... VALUES (..), (..) RETURNING id, not one statement per row.
                assertThat(inserts.get(0)).startsWith("INSERT INTO tag (label) VALUES (?), (?), (?)");
                assertThat(inserts.get(0).split("\n")[0]).endsWith("(?) RETURNING id").contains(
                        String.join(", ", java.util.Collections.nCopies(1000, "(?)")));
                assertThat(inserts.get(2).split("\n")[0]).contains(
                        String.join(", ", java.util.Collections.nCopies(500, "(?)")) + " RETURNING id");
            } else {
                assertThat(inserts.get(0)).startsWith("INSERT INTO tag (label) VALUES (?)\n[1000 parameter sets:");
            }
            Map<String, Long> keysInDatabase = new HashMap<>();
            session.execute(Sql.text("select id, label from tag")).all()
                    .forEach(row -> keysInDatabase.put((String) row.get(1), ((Number) row.get(0)).longValue()));
            assertThat(keysInDatabase).hasSize(2500);
            for (Tag tag : tags) {
                assertThat(tag.getId()).as(tag.getLabel()).isEqualTo(keysInDatabase.get(tag.getLabel()));
            }
        }
    }

    @AcrossDatabases
    void aQueryRunInANewSessionReusesTheCompiledStatement(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        CompiledCache cache = sessions.engine().compiledCache();
        try (Session session = sessions.openSession()) {
            session.scalars(select(Part.class).where(col("id").eq(1L))).all();
        }
        long misses = cache.misses();
        long hits = cache.hits();
        try (Session session = sessions.openSession()) {
            session.scalars(select(Part.class).where(col("id").eq(2L))).all();
        }

        assertThat(cache.misses()).isEqualTo(misses);
        assertThat(cache.hits()).isEqualTo(hits + 1);
    }

    @AcrossDatabases
    void selectinLoadsTheChildrenOf1200ParentsWithOneQueryPer500Keys(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            for (int i = 0; i < 1200; i++) {
                Person person = new Person("p" + i);
                person.getAddresses().add(new Email("p" + i + "@example.org"));
                session.add(person);
            }
        });
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Person> people = session.scalars(select(Person.class).options(Load.selectin("addresses"))).all();

            assertThat(sql.statements()).hasSize(4);
            assertThat(sql.statements().subList(1, 4)).allMatch(statement -> statement.startsWith(
                    "SELECT address.id, address.email_address, address.user_id FROM address WHERE address.user_id IN ("));
            assertThat(people).allMatch(person -> person.getAddresses().size() == 1);
            assertThat(sql.statements()).hasSize(4);
        }
    }
}
