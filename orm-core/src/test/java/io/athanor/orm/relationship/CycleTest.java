package io.athanor.orm.relationship;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows that refer to each other are inserted, then completed with an UPDATE (post-update). */
class CycleTest {

    @AcrossDatabases
    void rowsReferringToEachOtherAreInsertedThenUpdated(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Department.class, Employee.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Department sales = new Department("sales");
            Employee ann = new Employee("ann", sales);
            sales.setManager(ann);
            session.add(sales);
            session.flush();

            assertThat(sales.getManagerId()).isEqualTo(ann.getId());
            assertThat(ann.getDepartmentId()).isNotNull();
            assertThat(sql.statements()).hasSize(3);
            assertThat(sql.statements().get(2)).startsWith("UPDATE ");
            assertThat(session.execute(Sql.text("select count(*) from departments d join employees e"
                    + " on d.manager_id = e.id and e.department_id = d.id")).scalar(Long.class)).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void settingAManyToOneToNullNullsTheForeignKey(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Person.class, Email.class, Node.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        Long childId = sessions.inTransaction(session -> {
            Node root = new Node("root", null);
            Node child = new Node("child", root);
            session.add(root);
            session.flush();
            return child.getId();
        });
        try (Session session = sessions.openSession()) {
            Node child = session.get(Node.class, childId);
            assertThat(child.getParent()).isNotNull();
            child.setParent(null);
            session.flush();

            assertThat(child.getParentId()).isNull();
        }
    }
}
