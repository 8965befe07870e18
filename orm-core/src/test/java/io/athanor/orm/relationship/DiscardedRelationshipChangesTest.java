package io.athanor.orm.relationship;

import io.athanor.orm.session.Load;
import io.athanor.orm.session.Savepoint;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.relationship.RelationshipFixtures.count;
import static io.athanor.orm.relationship.RelationshipFixtures.person;
import static io.athanor.orm.relationship.RelationshipFixtures.redsAndBlues;
import static io.athanor.orm.relationship.RelationshipFixtures.sandyAndPatrick;
import static io.athanor.orm.relationship.RelationshipFixtures.sessions;
import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relationship changes across loads and discards: joined loads are known as loaded, expire, refresh,
 * rollback and savepoint rollback discard pending collection and reference changes (and what they did to the
 * other side), a self-referential node moves between loaded children, orphans are found with the parent's
 * collection unloaded.
 */
class DiscardedRelationshipChangesTest {

    @AcrossDatabases
    void joinedLoadedManyToOneSetToNullIsFlushed(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        redsAndBlues(sessions);
        try (Session session = sessions.openSession()) {
            Player ann = session.scalars(select(Player.class).where(col("name").eq("ann"))
                    .options(Load.joined("team"))).one();
            assertThat(ann.getTeam()).isNotNull();
            ann.setTeam(null);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from players where team_id is null")).isEqualTo(1);
        }
    }

    /** A child whose many-to-one was loaded with a join moves to another parent's loaded collection. */
    @AcrossDatabases
    void joinedLoadedManyToOneMovedToAnotherParent(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        redsAndBlues(sessions);
        try (Session session = sessions.openSession()) {
            List<Player> players = session.scalars(select(Player.class).options(Load.joined("team"))).all();
            Player ann = players.get(0);
            Team reds = ann.getTeam();
            Team blues = session.scalars(select(Team.class).where(col("name").eq("blues"))).one();
            assertThat(reds.getPlayers()).hasSize(2);
            assertThat(blues.getPlayers()).isEmpty();
            ann.setTeam(blues);
            session.flush();
            assertThat(reds.getPlayers()).doesNotContain(ann);
            assertThat(blues.getPlayers()).containsExactly(ann);
            assertThat(ann.getTeam()).isSameAs(blues);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from players p join teams t on p.team_id = t.id"
                    + " where t.name = 'blues'")).isEqualTo(1);
        }
    }

    /** A savepoint rollback restores the relationship with the column: the next flush does not redo the move. */
    @AcrossDatabases
    void savepointRollbackOfAMoveIsNotReappliedByTheNextFlush(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Person patrick = person(session, "patrick");
            Email moved = sandy.getAddresses().get(0);
            assertThat(patrick.getAddresses()).isEmpty();

            Savepoint savepoint = session.beginNested();
            moved.setPerson(patrick);
            session.flush();
            savepoint.rollback();

            assertThat(moved.getPersonId()).isEqualTo(sandy.getId());
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(person(session, "sandy").getAddresses()).hasSize(2);
        }
    }

    /** expire() discards a removal from a collection made before it, and the orphan is not deleted. */
    @AcrossDatabases
    void expireDiscardsACollectionRemovalMadeBeforeIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Email email = sandy.getAddresses().get(0);
            sandy.getAddresses().remove(email);
            session.expire(sandy);
            Person again = person(session, "sandy"); // reloads the expired object
            assertThat(again).isSameAs(sandy);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from address")).isEqualTo(2);
        }
    }

    /** rollback() discards a removal from a collection even when the next flush comes before any reload. */
    @AcrossDatabases
    void rollbackDiscardsACollectionRemoval(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Email email = sandy.getAddresses().get(0);
            sandy.getAddresses().remove(email);
            session.rollback();
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from address")).isEqualTo(2);
        }
    }

    /** expire() discards a many-to-many addition made before it: no association row. */
    @AcrossDatabases
    void expireDiscardsAManyToManyAddition(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.addAll(List.of(new Student("ann"), new Course("art"))));
        try (Session session = sessions.openSession()) {
            Student ann = session.scalars(select(Student.class)).one();
            Course art = session.scalars(select(Course.class)).one();
            ann.getCourses().add(art);
            session.expire(ann);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.scalars(select(Student.class)).one().getCourses()).isEmpty();
        }
    }

    /** A self-referential node re-parented: both loaded children lists follow. */
    @AcrossDatabases
    void reparentingANodeMovesItBetweenLoadedChildren(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Node root = new Node("root", null);
            Node a = new Node("a", root);
            new Node("b", root);
            new Node("a1", a);
            session.add(root);
        });
        try (Session session = sessions.openSession()) {
            Node root = session.scalars(select(Node.class).where(col("label").eq("root"))).one();
            Node a = root.getChildren().get(0);
            Node b = root.getChildren().get(1);
            Node a1 = a.getChildren().get(0);
            assertThat(b.getChildren()).isEmpty();
            a1.setParent(b);
            session.flush();
            assertThat(a.getChildren()).isEmpty();
            assertThat(b.getChildren()).containsExactly(a1);
            session.commit();
        }
    }

    /** expire() discards a one-to-one change made before it: the passport stays ed's. */
    @AcrossDatabases
    void expireDiscardsAOneToOneChange(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Citizen ed = new Citizen("ed");
            ed.setPassport(new Passport("P-1"));
            session.addAll(List.of(ed, new Citizen("bob")));
        });
        try (Session session = sessions.openSession()) {
            Citizen ed = session.get(Citizen.class, 1L);
            Citizen bob = session.get(Citizen.class, 2L);
            bob.setPassport(ed.getPassport());
            session.expire(bob);
            assertThat(session.get(Citizen.class, 2L)).isSameAs(bob);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Passport.class, 1L).getCitizenId()).isEqualTo(1L);
        }
    }

    /** A one-to-one loaded with a join, set to null under delete-orphan: the orphan is deleted. */
    @AcrossDatabases
    void joinedLoadedOneToOneSetToNullUnderDeleteOrphan(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Driver ann = new Driver("ann");
            ann.setLicense(new License("L-1"));
            session.add(ann);
        });
        try (Session session = sessions.openSession()) {
            Driver ann = session.scalars(select(Driver.class).options(Load.joined("license"))).one();
            assertThat(ann.getLicense()).isNotNull();
            ann.setLicense(null);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from licenses")).isEqualTo(0);
        }
    }

    /** A many-to-one set to null under delete-orphan while the parent's collection is not loaded. */
    @AcrossDatabases
    void settingAManyToOneToNullUnderDeleteOrphanWithTheCollectionUnloaded(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Email orphan = session.scalars(select(Email.class).where(col("emailAddress").eq("sandy@sqlalchemy.org"))).one();
            assertThat(orphan.getPerson()).isNotNull();
            orphan.setPerson(null);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from address")).isEqualTo(1);
        }
    }

    /** refresh() discards a pending removal from a collection (delete-orphan). */
    @AcrossDatabases
    void refreshDiscardsACollectionRemoval(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            sandy.getAddresses().remove(sandy.getAddresses().get(0));
            session.refresh(sandy);
            assertThat(sandy.getAddresses()).hasSize(2);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(count(session, "select count(*) from address")).isEqualTo(2);
        }
    }
}
