package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.TypedValue;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Column types whose binding depends on the column: JSON documents. */
class ColumnTypesTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.engine();
        Registry registry = Registry.of(Document.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @AcrossDatabases
    void aJsonDocumentRoundTripsThroughTheSession(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Long id = sessions.inTransaction(session -> {
            Document document = new Document("{\"title\": \"Athanor\", \"tags\": [\"orm\", \"java\"]}", "x".repeat(20_000));
            session.add(document);
            session.flush();
            return document.getId();
        });
        try (Session session = sessions.openSession()) {
            Document document = session.get(Document.class, id);

            assertThat(document.getBody()).contains("\"title\"").contains("Athanor").contains("\"orm\"");
            assertThat(document.getNotes()).hasSize(20_000);
            document.setBody("{\"title\": \"changed\"}");
            session.commit();
            assertThat(session.get(Document.class, id).getBody()).contains("changed");
        }
    }

    @AcrossDatabases
    void aJsonDocumentCanBeBoundToATextStatement(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            session.execute(Sql.text("insert into documents (body) values (:body)")
                    .bind("body", TypedValue.of("{\"n\": 1}", SqlType.JSON)));

            assertThat(session.execute(Sql.text("select body from documents")).scalar(String.class)).contains("\"n\"");
        }
    }
}
