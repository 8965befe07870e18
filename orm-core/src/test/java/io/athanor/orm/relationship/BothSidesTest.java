package io.athanor.orm.relationship;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.relationship.RelationshipFixtures.count;
import static io.athanor.orm.relationship.RelationshipFixtures.person;
import static io.athanor.orm.relationship.RelationshipFixtures.sandyAndPatrick;
import static io.athanor.orm.relationship.RelationshipFixtures.sessions;
import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both sides of a relationship agree after a flush, and a user's change is never undone: the side changed
 * since it was loaded wins; contradicting changes on both sides are refused before any write (ATH-E133).
 */
class BothSidesTest {

    @AcrossDatabases
    void settingAManyToOneMovesTheObjectBetweenLoadedCollections(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Person patrick = person(session, "patrick");
            Email moved = sandy.getAddresses().get(0);
            assertThat(patrick.getAddresses()).isEmpty();

            moved.setPerson(patrick);
            session.flush();

            assertThat(moved.getPersonId()).isEqualTo(patrick.getId());
            assertThat(sandy.getAddresses()).extracting(Email::getEmailAddress).containsExactly("sandy@squirrelpower.org");
            assertThat(patrick.getAddresses()).containsExactly(moved);
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(person(session, "patrick").getAddresses()).extracting(Email::getEmailAddress)
                    .containsExactly("sandy@sqlalchemy.org");
            assertThat(person(session, "sandy").getAddresses()).extracting(Email::getEmailAddress)
                    .containsExactly("sandy@squirrelpower.org");
        }
    }

    @AcrossDatabases
    void aMovedObjectJoinsTheNewParentsCollectionWhenItIsLoadedLater(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Person patrick = person(session, "patrick");
            Email moved = sandy.getAddresses().get(1);

            moved.setPerson(patrick);
            session.flush();

            assertThat(patrick.getAddresses()).containsExactly(moved);
            assertThat(sandy.getAddresses()).hasSize(1).doesNotContain(moved);
        }
    }

    @AcrossDatabases
    void newObjectsLinkedFromEitherSideAreInStepAfterFlush(TestDatabase db) {
        try (Session session = sessions(db).openSession()) {
            Person pkrabs = new Person("pkrabs");
            Email a1 = new Email("pearl.krabs@gmail.com");
            Email a2 = new Email("pearl@aol.com");

            pkrabs.getAddresses().add(a1);
            a2.setPerson(pkrabs);
            session.add(pkrabs);
            session.add(a2);
            session.flush();

            assertThat(pkrabs.getAddresses()).containsExactly(a1, a2);
            assertThat(a1.getPersonId()).isEqualTo(pkrabs.getId());
            assertThat(a2.getPersonId()).isEqualTo(pkrabs.getId());
            assertThat(count(session, "select count(*) from address where user_id = " + pkrabs.getId())).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void aManyToManyAddedOnOneSideOfNewObjectsShowsOnTheOtherAfterFlush(TestDatabase db) {
        try (Session session = sessions(db).openSession()) {
            Student ann = new Student("ann");
            Course art = new Course("art");

            ann.getCourses().add(art);
            session.add(ann);
            session.flush();

            assertThat(art.getStudents()).containsExactly(ann);
            assertThat(count(session, "select count(*) from enrollments")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aManyToManyAddedOnOneSideShowsOnTheOthersLoadedCollection(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.addAll(List.of(new Student("ann"), new Course("art"))));
        try (Session session = sessions.openSession()) {
            Student ann = session.scalars(select(Student.class)).one();
            Course art = session.scalars(select(Course.class)).one();
            assertThat(art.getStudents()).isEmpty();

            ann.getCourses().add(art);
            session.flush();

            assertThat(art.getStudents()).containsExactly(ann);
            assertThat(count(session, "select count(*) from enrollments")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void twoNewObjectsListingEachOtherGetOneAssociationRow(TestDatabase db) {
        try (Session session = sessions(db).openSession()) {
            Student ann = new Student("ann");
            Course art = new Course("art");
            ann.getCourses().add(art);
            art.getStudents().add(ann);

            session.addAll(List.of(ann, art));
            session.flush();

            assertThat(count(session, "select count(*) from enrollments")).isEqualTo(1);
            assertThat(ann.getCourses()).containsExactly(art);
            assertThat(art.getStudents()).containsExactly(ann);
        }
    }

    @AcrossDatabases
    void settingAManyToOneToNullTakesTheObjectOutOfTheLoadedCollection(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Team reds = new Team("reds");
            reds.getPlayers().add(new Player("ann"));
            reds.getPlayers().add(new Player("bob"));
            session.add(reds);
        });
        try (Session session = sessions.openSession()) {
            Team reds = session.scalars(select(Team.class)).one();
            Player ann = reds.getPlayers().get(0);

            ann.setTeam(null);
            session.flush();

            assertThat(ann.getTeamId()).isNull();
            assertThat(reds.getPlayers()).extracting(Player::getName).containsExactly("bob");
            assertThat(count(session, "select count(*) from players where team_id is null")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void settingAManyToOneToNullUnderDeleteOrphanDeletesTheOrphan(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Email orphan = sandy.getAddresses().get(0);

            orphan.setPerson(null);
            session.flush();

            assertThat(sandy.getAddresses()).hasSize(1).doesNotContain(orphan);
            assertThat(count(session, "select count(*) from address")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void movingAnObjectToAnotherParentIsNotOrphaningIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Person patrick = person(session, "patrick");
            Email moved = sandy.getAddresses().get(0);

            moved.setPerson(patrick);
            sandy.getAddresses().remove(moved);
            session.flush();

            assertThat(count(session, "select count(*) from address")).isEqualTo(2);
            assertThat(moved.getPersonId()).isEqualTo(patrick.getId());
        }
    }

    @AcrossDatabases
    void addingToACollectionAndThenSettingTheManyToOneElsewhereIsRefusedBeforeAnyWrite(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        try (Session session = sessions.openSession()) {
            Person sandy = person(session, "sandy");
            Person patrick = person(session, "patrick");
            Email email = sandy.getAddresses().get(0);
            Long id = email.getId();

            patrick.getAddresses().add(email);
            email.setPerson(sandy);

            try (SqlRecorder sql = new SqlRecorder()) {
                assertThatThrownBy(session::flush).isInstanceOf(InvalidRequestException.class)
                        .hasMessage("[ATH-E133] The two sides of Email.person / Person.addresses disagree about Email("
                                + id + "): Email.person names Person(1), but Email(" + id + ") was added to"
                                + " Person(2).addresses since it was loaded. Change one side only (the other follows at"
                                + " flush), or make both name the same parent. Nothing was written.");
                assertThat(sql.statements()).isEmpty();
            }
        }
    }

    @AcrossDatabases
    void removingFromACollectionAndThenSettingTheManyToOneBackIsRefused(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Team reds = new Team("reds");
            reds.getPlayers().add(new Player("ann"));
            session.add(reds);
        });
        try (Session session = sessions.openSession()) {
            Team reds = session.scalars(select(Team.class)).one();
            Player ann = reds.getPlayers().get(0);

            reds.getPlayers().remove(ann);
            ann.setTeam(reds);

            assertThatThrownBy(session::flush).isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E133] The two sides of Player.team / Team.players disagree about"
                            + " Player(1): Player.team names Team(1), but Player(1) was removed from Team(1).players"
                            + " since it was loaded.");
        }
    }

    @AcrossDatabases
    void addingBackADetachedObjectCostsNoUpdateOfTheUnchangedRowItRefersTo(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sandyAndPatrick(sessions);
        Email email;
        try (Session session = sessions.openSession()) {
            email = session.scalars(select(Email.class).where(col("emailAddress").eq("sandy@sqlalchemy.org"))).one();
        }
        email.setEmailAddress("sandy@example.com");

        try (SqlRecorder sql = new SqlRecorder()) {
            sessions.useTransaction(session -> session.add(email));
            assertThat(sql.statements()).containsExactly("UPDATE address SET email_address = ? WHERE id = ?");
        }
    }

    /** ed holds passport P-1, bob holds none. */
    private static void edAndBob(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Citizen ed = new Citizen("ed");
            ed.setPassport(new Passport("P-1"));
            session.addAll(List.of(ed, new Citizen("bob")));
        });
    }

    @AcrossDatabases
    void settingTheReferenceOfAOneToOneMovesItFromTheOldOwnerToTheNew(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        edAndBob(sessions);
        try (Session session = sessions.openSession()) {
            Citizen ed = session.get(Citizen.class, 1L);
            Citizen bob = session.get(Citizen.class, 2L);
            Passport passport = ed.getPassport();

            passport.setCitizen(bob);
            session.flush();

            assertThat(ed.getPassport()).isNull();
            assertThat(bob.getPassport()).isSameAs(passport);
            assertThat(passport.getCitizenId()).isEqualTo(bob.getId());
            assertThat(count(session, "select count(*) from passports")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void givingAnOwnerTheOneToOneOfAnotherTakesItFromTheOther(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        edAndBob(sessions);
        try (Session session = sessions.openSession()) {
            Citizen ed = session.get(Citizen.class, 1L);
            Citizen bob = session.get(Citizen.class, 2L);
            Passport passport = ed.getPassport();

            bob.setPassport(passport);
            session.flush();

            assertThat(ed.getPassport()).isNull();
            assertThat(passport.getCitizen()).isSameAs(bob);
            assertThat(passport.getCitizenId()).isEqualTo(bob.getId());
        }
    }

    @AcrossDatabases
    void movingAOneToOneUnderDeleteOrphanToAnotherOwnerIsNotOrphaningIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Driver ann = new Driver("ann");
            ann.setLicense(new License("L-1"));
            session.addAll(List.of(ann, new Driver("bo")));
        });
        try (Session session = sessions.openSession()) {
            Driver ann = session.get(Driver.class, 1L);
            Driver bo = session.get(Driver.class, 2L);
            License license = ann.getLicense();

            bo.setLicense(license);
            session.flush();

            assertThat(ann.getLicense()).isNull();
            assertThat(license.getDriverId()).isEqualTo(2L);
            assertThat(count(session, "select count(*) from licenses")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void bothSidesOfAOneToOneChangedToDifferentObjectsAreRefused(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        edAndBob(sessions);
        sessions.useTransaction(session -> session.get(Citizen.class, 2L).setPassport(new Passport("P-2")));
        try (Session session = sessions.openSession()) {
            Citizen ed = session.get(Citizen.class, 1L);
            Citizen bob = session.get(Citizen.class, 2L);
            Passport first = ed.getPassport();

            first.setCitizen(bob);
            bob.setPassport(new Passport("P-3"));

            assertThatThrownBy(session::flush).isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E133] The two sides of Passport.citizen / Citizen.passport disagree:"
                            + " Passport.citizen of Passport(1) names Citizen(2), while Citizen.passport of Citizen(2)"
                            + " holds Passport@");
        }
    }
}
