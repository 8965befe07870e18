package io.athanor.orm.relationship;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many-to-many through an association table: its rows follow the collections. */
class ManyToManyTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Student.class, Course.class, Enrollment.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    private static List<String> enrollments(Session session) {
        return session.execute(Sql.text("select s.name, c.title from enrollments e join students s on s.id = e.student_id"
                + " join courses c on c.id = e.course_id order by s.name, c.title"))
                .all().stream().map(row -> row.get(0) + ":" + row.get(1)).toList();
    }

    @AcrossDatabases
    void associationRowsAreInsertedAndDeletedWithTheCollection(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            Course math = new Course("math");
            Course art = new Course("art");
            Student ann = new Student("ann");
            ann.getCourses().add(math);
            ann.getCourses().add(art);
            Student bob = new Student("bob");
            bob.getCourses().add(math);
            session.addAll(List.of(ann, bob));
            session.commit();
            assertThat(enrollments(session)).containsExactly("ann:art", "ann:math", "bob:math");

            Student reloaded = session.scalars(select(Student.class).where(col("name").eq("ann"))).one();
            reloaded.getCourses().removeIf(course -> course.getTitle().equals("art"));
            session.commit();
            assertThat(enrollments(session)).containsExactly("ann:math", "bob:math");

            session.delete(session.scalars(select(Student.class).where(col("name").eq("bob"))).one());
            session.commit();
            assertThat(enrollments(session)).containsExactly("ann:math");
        }
    }

    @AcrossDatabases
    void bothSidesLoadLazilyOrWithSelectin(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> {
            Course math = new Course("math");
            Student ann = new Student("ann");
            ann.getCourses().add(math);
            Student bob = new Student("bob");
            bob.getCourses().add(math);
            session.addAll(List.of(ann, bob));
        });
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Student> students = session.scalars(select(Student.class).orderBy(col("id"))
                    .options(Load.selectin("courses"))).all();

            assertThat(students.get(0).getCourses()).extracting(Course::getTitle).containsExactly("math");
            assertThat(students.get(0).getCourses().get(0)).isSameAs(students.get(1).getCourses().get(0));
            assertThat(sql.statements()).hasSize(2);
            assertThat(students.get(0).getCourses().get(0).getStudents()).extracting(Student::getName)
                    .containsExactlyInAnyOrder("ann", "bob");
            assertThat(sql.statements()).hasSize(3);
        }
    }

    private static void enrollThree(SessionFactory sessions) {
        sessions.useTransaction(session -> {
            Course math = new Course("math");
            Course art = new Course("art");
            Course music = new Course("music");
            Student ann = new Student("ann");
            ann.getCourses().addAll(List.of(music, math, art));
            Student bob = new Student("bob");
            bob.getCourses().add(math);
            Student cid = new Student("cid");
            session.addAll(List.of(ann, bob, cid));
        });
    }

    @AcrossDatabases
    void orderByAppliesToLazyLoads(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        enrollThree(sessions);
        try (Session session = sessions.openSession()) {
            Student ann = session.scalars(select(Student.class).where(col("name").eq("ann"))).one();
            Course math = ann.getCourses().get(1);

            assertThat(ann.getCourses()).extracting(Course::getTitle).containsExactly("art", "math", "music");
            assertThat(math.getStudents()).extracting(Student::getName).containsExactly("bob", "ann");
        }
    }

    @AcrossDatabases
    void orderByAppliesToSelectinLoads(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        enrollThree(sessions);
        try (Session session = sessions.openSession()) {
            List<Student> students = session.scalars(select(Student.class).orderBy(col("name"))
                    .options(Load.selectin("courses"))).all();

            assertThat(students).extracting(student -> student.getCourses().stream().map(Course::getTitle).toList())
                    .containsExactly(List.of("art", "math", "music"), List.of("math"), List.of());
        }
    }

    @AcrossDatabases
    void joinedLoadingBringsTheCollectionThroughTheAssociationTableInOneQuery(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        enrollThree(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Student> students = session.scalars(select(Student.class).orderBy(col("name"))
                    .options(Load.joined("courses"))).all();

            assertThat(students).extracting(Student::getName).containsExactly("ann", "bob", "cid");
            assertThat(students).extracting(student -> student.getCourses().stream().map(Course::getTitle).toList())
                    .containsExactly(List.of("art", "math", "music"), List.of("math"), List.of());
            assertThat(students.get(0).getCourses().get(1)).isSameAs(students.get(1).getCourses().get(0));
            assertThat(sql.statements()).hasSize(1);
            assertThat(sql.statements().get(0)).containsIgnoringCase("LEFT OUTER JOIN enrollments");
        }
    }

    @AcrossDatabases
    void joinedInnerLoadingLeavesOutOwnersWithoutRelatedObjects(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        enrollThree(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Student> students = session.scalars(select(Student.class).orderBy(col("name"))
                    .options(Load.joinedInner("courses"))).all();

            assertThat(students).extracting(Student::getName).containsExactly("ann", "bob");
            assertThat(students.get(0).getCourses()).extracting(Course::getTitle).containsExactly("art", "math", "music");
            assertThat(sql.statements()).hasSize(1);
        }
    }

    @AcrossDatabases
    void aLoadOptionNamingNoRelationshipIsRefusedBeforeAnySql(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.scalars(select(Student.class).options(Load.selectin("cources"))).all())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessage("[ATH-E095] Load.selectin(\"cources\") names 'cources', which is not a relationship of"
                            + " Student; its relationships are [courses].");
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void aLoadPathIsCheckedAtEachStep(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            assertThatThrownBy(() -> session.scalars(select(Student.class)
                    .options(Load.joinedInner("courses.title"))).all())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessage("[ATH-E095] Load.joinedInner(\"courses.title\") names 'title', which is not a"
                            + " relationship of Course; its relationships are [students].");
        }
    }
}
