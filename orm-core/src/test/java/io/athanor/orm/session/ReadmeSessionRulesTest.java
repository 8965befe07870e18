package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's examples of how add() tells detached from new objects, and of what expire discards (keep in sync). */
class ReadmeSessionRulesTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Parent.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @AcrossDatabases
    void theDetachedOrNewExampleRunsAsWritten(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (SqlRecorder sql = new SqlRecorder()) {
            // --- README: detached or new (keep in sync) ---
            sessions.useTransaction(session -> session.add(new Parent(42L, "x")));   // INSERT ... (id, name) VALUES (42, 'x')
            Parent parent;
            try (Session session = sessions.openSession()) {
                parent = session.get(Parent.class, 42L);
            }                                                                        // closed: parent is detached
            parent.setName("y");
            sessions.useTransaction(session -> session.add(parent));                 // UPDATE parents SET name = ? WHERE id = ?
            sessions.useTransaction(session -> session.add(parent));                 // unchanged: no statement
            // --- end of README example ---

            assertThat(sql.statementsWithParameters()).containsExactly(
                    "INSERT INTO parents (id, name) VALUES (?, ?)\n[parameters: (id=42, name='x')]",
                    "SELECT id, name FROM parents WHERE id = ?\n[parameters: (id=42)]",
                    "UPDATE parents SET name = ? WHERE id = ?\n[parameters: (name='y', id=42)]");
        }
    }

    @AcrossDatabases
    void theExpireExampleRunsAsWritten(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.add(new Parent(42L, "x")));
        try (SqlRecorder sql = new SqlRecorder()) {
            // --- README: expire (keep in sync) ---
            try (Session session = sessions.openSession()) {
                Parent parent = session.get(Parent.class, 42L);
                parent.setName("before");
                session.expire(parent);                         // the change above is discarded ...
                session.get(Parent.class, 42L);                 // ... by this reload: the name is the row's again
                assertThat(parent.getName()).isEqualTo("x");
                session.expire(parent);
                parent.setName("after");                        // made after expire(): kept by the reload, flushed
                session.commit();                               // UPDATE parents SET name = ? WHERE id = ?
            }
            // --- end of README example ---

            assertThat(sql.statements()).filteredOn(statement -> !statement.startsWith("SELECT"))
                    .containsExactly("UPDATE parents SET name = ? WHERE id = ?");
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Parent.class, 42L).getName()).isEqualTo("after");
        }
    }
}
