package io.athanor.orm.relationship;

import io.athanor.orm.DetachedInstanceException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLAlchemy's relationship behaviours, with exact statements. */
class RelationshipTest {

    private static SessionFactory sessions(TestDatabase db, int nPlusOne) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Person.class, Email.class, Node.class);
        registry.metadata().createAll(engine);
        return SessionFactory.builder(engine, registry).nPlusOneThreshold(nPlusOne).nPlusOneRaises(true).build();
    }

    /** The Quick Start graph: spongebob with one address, sandy with two, patrick with none. */
    private static void quickStart(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Person spongebob = new Person("spongebob");
            spongebob.getAddresses().add(new Email("spongebob@sqlalchemy.org"));
            Person sandy = new Person("sandy");
            sandy.getAddresses().add(new Email("sandy@sqlalchemy.org"));
            sandy.getAddresses().add(new Email("sandy@squirrelpower.org"));
            session.addAll(List.of(spongebob, sandy, new Person("patrick")));
        });
    }

    private static long count(Session session, String table) {
        return session.execute(Sql.text("select count(*) from " + table)).scalar(Long.class);
    }

    @AcrossDatabases
    void addingTheParentsInsertsEveryUserBeforeEveryAddress(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        try (SqlRecorder sql = new SqlRecorder()) {
            quickStart(sessions);

            assertThat(sql.statementsWithParameters()).hasSize(2);
            assertThat(sql.statementsWithParameters().get(0)).startsWith(
                    db.dialect().supports(io.athanor.orm.engine.Capability.MULTI_ROW_INSERT_RETURNING)
                    ? "INSERT INTO user_account (name) VALUES (?), (?), (?) RETURNING id\n"
                            + "[parameters: (name='spongebob', name='sandy', name='patrick')]"
                    : "INSERT INTO user_account (name) VALUES (?)\n"
                            + "[3 parameter sets: (name='spongebob'), (name='sandy'), (name='patrick')]");
            assertThat(sql.statementsWithParameters().get(1)).startsWith(
                    db.dialect().supports(io.athanor.orm.engine.Capability.MULTI_ROW_INSERT_RETURNING)
                    ? "INSERT INTO address (email_address, user_id) VALUES (?, ?), (?, ?), (?, ?) RETURNING id\n"
                            + "[parameters: (emailAddress='spongebob@sqlalchemy.org', personId=1, emailAddress="
                            + "'sandy@sqlalchemy.org', personId=2, emailAddress='sandy@squirrelpower.org', personId=2)]"
                    : "INSERT INTO address (email_address, user_id) VALUES (?, ?)\n[3 parameter sets:"
                            + " (emailAddress='spongebob@sqlalchemy.org', personId=1), (emailAddress='sandy@sqlalchemy.org',"
                            + " personId=2), (emailAddress='sandy@squirrelpower.org', personId=2)]");
        }
    }

    @AcrossDatabases
    void addingToACollectionSetsTheOtherSideAtOnce(TestDatabase db) {
        try (Session session = sessions(db, 0).openSession()) {
            Person ed = new Person("ed");
            session.add(ed);
            Email email = new Email("ed@example.com");

            ed.getAddresses().add(email);

            assertThat(email.getPerson()).isSameAs(ed);
            assertThat(session.contains(email)).as("save-update cascade").isTrue();
            ed.getAddresses().remove(email);
            assertThat(email.getPerson()).isNull();
        }
    }

    @AcrossDatabases
    void assigningTheManyToOneIsReconciledAtFlush(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession()) {
            Person patrick = session.scalars(select(Person.class).where(col("name").eq("patrick"))).one();
            Email email = new Email("patrick@sqlalchemy.org");
            email.setPerson(patrick);
            session.add(email);
            session.flush();

            assertThat(email.getPersonId()).isEqualTo(patrick.getId());
        }
    }

    @AcrossDatabases
    void aCollectionLoadsLazilyOnFirstAccess(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
            assertThat(sql.statements()).hasSize(1);

            assertThat(sandy.getAddresses()).extracting(Email::getEmailAddress)
                    .containsExactly("sandy@sqlalchemy.org", "sandy@squirrelpower.org");
            assertThat(sql.statements()).hasSize(2);
            assertThat(sandy.getAddresses().get(0).getPerson()).as("the many-to-one from the identity map").isSameAs(sandy);
            assertThat(sql.statements()).hasSize(2);
        }
    }

    @AcrossDatabases
    void selectinLoadsAllCollectionsOfAResultInOneMoreQuery(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        sessions.useTransaction(session -> session.addAll(List.of(new Person("squidward"), new Person("gary"),
                new Person("plankton"))));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Person> people = session.scalars(select(Person.class).orderBy(col("id"))
                    .options(Load.selectin("addresses"))).all();
            int addresses = people.stream().mapToInt(person -> person.getAddresses().size()).sum();

            assertThat(people).hasSize(6);
            assertThat(addresses).isEqualTo(3);
            assertThat(sql.statements()).hasSize(2);
            assertThat(sql.statements().get(1)).startsWith("SELECT address.id, address.email_address, address.user_id"
                    + " FROM address WHERE address.user_id IN (?, ?, ?, ?, ?, ?)");
        }
    }

    @AcrossDatabases
    void manyToOnesOfAResultComeFromOneInQuery(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Email> emails = session.scalars(select(Email.class).orderBy(col("id"))).all();

            assertThat(emails).extracting(email -> email.getPerson().getName()).containsExactly("spongebob", "sandy", "sandy");
            assertThat(sql.statements()).hasSize(2);
        }
    }

    @AcrossDatabases
    void raiseLoadingRefusesAnUnloadedCollection(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))
                    .options(Load.raise("addresses"))).one();

            assertThatThrownBy(() -> sandy.getAddresses().size())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E090] 'Person.addresses' is not available due to lazy=RAISE; load it with the query,"
                            + " e.g. .options(Load.selectin(\"addresses\")).");
        }
    }

    @AcrossDatabases
    void aLazyLoadAfterTheSessionClosedIsADetachedInstanceError(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        Person sandy;
        try (Session session = sessions.openSession()) {
            sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
        }

        assertThatThrownBy(() -> sandy.getAddresses().size())
                .isInstanceOf(DetachedInstanceException.class)
                .hasMessage("[ATH-E092] Person(2) is not bound to a Session; lazy load of 'addresses' cannot proceed."
                        + " Load it before the session closes (Load.selectin(\"addresses\") or read it first), or"
                        + " re-attach the object with session.add().");
    }

    @AcrossDatabases
    void removingFromADeleteOrphanCollectionDeletesTheChild(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
            sandy.getAddresses().remove(0);
            sql.clear();
            session.flush();

            assertThat(sql.statements()).containsExactly("DELETE FROM address WHERE id = ?");
            assertThat(count(session, "address")).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void replacingAndClearingTheCollectionDeletesTheOrphans(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
            sandy.setAddresses(new ArrayList<>(List.of(new Email("sandy@new.org"))));
            session.flush();
            assertThat(session.execute(Sql.text("select email_address from address where user_id = :id")
                    .bind("id", sandy.getId())).scalars(String.class).all()).containsExactly("sandy@new.org");

            sandy.getAddresses().clear();
            session.flush();
            assertThat(count(session, "address")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void deletingTheParentCascadesToItsChildren(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))).one();
            session.delete(sandy);
            sql.clear();
            session.flush();

            assertThat(sql.statements()).containsExactly("DELETE FROM address WHERE id = ?",
                    "DELETE FROM user_account WHERE id = ?");
            assertThat(count(session, "address")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void selfReferentialRowsAreInsertedParentsFirst(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        try (Session session = sessions.openSession()) {
            Node root = new Node("root", null);
            Node child = new Node("child", root);
            Node grandchild = new Node("grandchild", child);
            session.add(grandchild);
            session.flush();

            assertThat(child.getParentId()).isEqualTo(root.getId());
            assertThat(grandchild.getParentId()).isEqualTo(child.getId());
            assertThat(root.getId()).isLessThan(child.getId());
        }
    }

    @AcrossDatabases
    void deletingAParentWithoutCascadeNullsTheChildrensForeignKeyFirst(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        Long rootId = sessions.inTransaction(session -> {
            Node root = new Node("root", null);
            new Node("a", root);
            new Node("b", root);
            session.add(root);
            session.flush();
            return root.getId();
        });
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.delete(session.get(Node.class, rootId));
            sql.clear();
            session.flush();

            assertThat(sql.statements()).containsExactly(
                    "SELECT nodes.id, nodes.label, nodes.parent_id FROM nodes WHERE nodes.parent_id IN (?) ORDER BY"
                            + " nodes.label ASC, nodes.id ASC",
                    "UPDATE nodes SET parent_id = ? WHERE id = ?",
                    "DELETE FROM nodes WHERE id = ?");
            assertThat(session.execute(Sql.text("select count(*) from nodes where parent_id is null")).scalar(Long.class))
                    .isEqualTo(2);
        }
    }

    @AcrossDatabases
    void deletingATreeInOneFlushDeletesChildrenBeforeTheirParentsWhateverTheOrderOfTheDeletes(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        List<Long> ids = sessions.inTransaction(session -> {
            Node root = new Node("root", null);
            Node child = new Node("child", root);
            Node grandchild = new Node("grandchild", child);
            session.add(root);
            session.flush();
            return List.of(root.getId(), child.getId(), grandchild.getId());
        });
        try (Session session = sessions.openSession()) {
            // Parents first, which is also primary-key order: the DELETEs must still go children first.
            for (Long id : ids) {
                session.delete(session.get(Node.class, id));
            }
            session.commit();
        }

        Long left = sessions.inTransaction(session -> session.execute(Sql.text("select count(*) from nodes"))
                .scalar(Long.class));
        assertThat(left).isZero();
    }

    @AcrossDatabases
    void theNPlusOneGuardFiresOnALoopOverParentsButNotWithSelectin(TestDatabase db) {
        SessionFactory sessions = sessions(db, 10);
        sessions.useTransaction(session -> {
            for (int i = 0; i < 20; i++) {
                Person person = new Person("p" + i);
                person.getAddresses().add(new Email("p" + i + "@example.com"));
                session.add(person);
            }
        });
        try (Session session = sessions.openSession()) {
            List<Person> people = session.scalars(select(Person.class).options(Load.selectin("addresses"))).all();
            assertThat(people.stream().mapToInt(person -> person.getAddresses().size()).sum()).isEqualTo(20);
        }
        try (Session session = sessions.openSession()) {
            List<Person> people = session.scalars(select(Person.class).orderBy(col("id"))).all();

            assertThatThrownBy(() -> people.forEach(person -> person.getAddresses().size()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E094] N+1 loading: 'Person.addresses' was loaded lazily one Person at a time 11"
                            + " times in " + session + ". Load it for the whole result with"
                            + " .options(Load.selectin(\"addresses\")).");
        }
    }

    @AcrossDatabases
    void joinedLoadsSixPeopleAndTheirAddressesInOneQuery(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        sessions.useTransaction(session -> session.addAll(List.of(new Person("squidward"), new Person("gary"),
                new Person("plankton"))));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Person> people = session.scalars(select(Person.class).options(Load.joined("addresses"))).all();

            assertThat(people).extracting(Person::getName).containsExactly("spongebob", "sandy", "patrick", "squidward",
                    "gary", "plankton");
            assertThat(people.get(1).getAddresses()).extracting(Email::getEmailAddress)
                    .containsExactly("sandy@sqlalchemy.org", "sandy@squirrelpower.org");
            assertThat(people.stream().mapToInt(person -> person.getAddresses().size()).sum()).isEqualTo(3);
            assertThat(sql.statements()).containsExactly("SELECT user_account.id, user_account.name, addresses_1.id,"
                    + " addresses_1.email_address, addresses_1.user_id FROM user_account LEFT OUTER JOIN address AS"
                    + " addresses_1 ON addresses_1.user_id = user_account.id ORDER BY user_account.id ASC,"
                    + " addresses_1.id ASC");
        }
    }

    @AcrossDatabases
    void joinedLoadsManyToOnesInTheSameQuery(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Email> emails = session.scalars(select(Email.class).options(Load.joined("person"))).all();

            assertThat(emails).extracting(email -> email.getPerson().getName()).containsExactly("spongebob", "sandy", "sandy");
            assertThat(sql.statements()).hasSize(1);
        }
    }

    @AcrossDatabases
    void removingAChildWithoutDeleteOrphanNullsItsForeignKey(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        Long rootId = sessions.inTransaction(session -> {
            Node root = new Node("root", null);
            new Node("a", root);
            session.add(root);
            session.flush();
            return root.getId();
        });
        try (Session session = sessions.openSession()) {
            Node root = session.get(Node.class, rootId);
            Node child = root.getChildren().remove(0);
            session.flush();

            assertThat(child.getParent()).isNull();
            assertThat(child.getParentId()).isNull();
            assertThat(session.execute(Sql.text("select count(*) from nodes where parent_id is null")).scalar(Long.class))
                    .isEqualTo(2);
        }
    }

    @AcrossDatabases
    void mergeCascadesAlongTheCollection(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        Person detached;
        try (Session session = sessions.openSession()) {
            detached = new Person("ed");
            detached.getAddresses().add(new Email("ed@one.org"));
            session.add(detached);
            session.commit();
            detached.getAddresses().size();
        }
        detached.getAddresses().add(new Email("ed@two.org"));
        try (Session session = sessions.openSession()) {
            Person merged = session.merge(detached);
            session.commit();

            assertThat(merged).isNotSameAs(detached);
            assertThat(session.execute(Sql.text("select email_address from address order by id")).scalars(String.class)
                    .all()).containsExactly("ed@one.org", "ed@two.org");
        }
    }

    @AcrossDatabases
    void anInnerJoinedLoadLeavesOutObjectsWithoutRelatedOnes(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Person> people = session.scalars(select(Person.class).options(Load.joinedInner("addresses"))).all();

            assertThat(people).extracting(Person::getName).containsExactly("spongebob", "sandy");
            assertThat(sql.statements().get(0)).contains(" FROM user_account JOIN address AS addresses_1 ON ");
        }
    }

    @AcrossDatabases
    void noloadLeavesACollectionEmptyWithoutQueryingIt(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        quickStart(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Person sandy = session.scalars(select(Person.class).where(col("name").eq("sandy"))
                    .options(Load.noload("addresses"))).one();

            assertThat(sandy.getAddresses()).isEmpty();
            assertThat(sql.statements()).hasSize(1);
        }
    }

    @AcrossDatabases
    void raiseOnAManyToOneIsRefusedBeforeAnySql(TestDatabase db) {
        SessionFactory sessions = sessions(db, 0);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.scalars(select(Email.class).options(Load.raise("person"))).all())
                    .isInstanceOf(io.athanor.orm.ArgumentException.class)
                    .hasMessage("[ATH-E095] Load.raise(\"person\") names 'Email.person', which holds a single object; a"
                            + " plain field cannot raise when read. Use Load.noload(\"person\") to leave it unloaded.");
            assertThat(sql.statements()).isEmpty();
        }
    }
}
