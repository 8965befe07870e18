package io.athanor.orm.performance;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.Row;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.CountingDataSource;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reads the shape of a plain read's rows (labels, types, how to read each column) from the
 * driver's metadata once per compiled statement, not once per query; DDL run through the engine makes it
 * read the shape again.
 */
class RowShapeReuseTest {

    private static SessionFactory sessions(CountingDataSource jdbc, TestDatabase db) {
        Engine engine = db.track(Engine.builder().dataSource(jdbc).build());
        Registry registry = Registry.of(Part.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> session.addAll(List.of(new Part(1, "bolt"), new Part(2, "nut"))));
        return sessions;
    }

    @AcrossDatabases
    void aHundredGetsByKeyInNewSessionsReadTheResultMetadataOnce(TestDatabase db) {
        CountingDataSource jdbc = new CountingDataSource(db.unpooledDataSource());
        SessionFactory sessions = sessions(jdbc, db);
        jdbc.clear();

        for (int i = 0; i < 100; i++) {
            try (Session session = sessions.openSession()) {
                assertThat(session.get(Part.class, 1L + i % 2).getName()).isIn("bolt", "nut");
            }
        }

        assertThat(jdbc.count("execute")).isEqualTo(100);
        assertThat(jdbc.count("getMetaData")).isEqualTo(1);
    }

    @AcrossDatabases
    void sqlTextReadsTheResultMetadataEachTime(TestDatabase db) {
        CountingDataSource jdbc = new CountingDataSource(db.unpooledDataSource());
        SessionFactory sessions = sessions(jdbc, db);
        jdbc.clear();

        try (Session session = sessions.openSession()) {
            for (int i = 0; i < 3; i++) {
                session.execute(Sql.text("select * from part")).all();
            }
        }

        assertThat(jdbc.count("getMetaData")).isEqualTo(3);
    }

    @AcrossDatabases
    void aTableRecreatedThroughTheEngineWithAnotherColumnTypeIsReadWithTheNewType(TestDatabase db) {
        CountingDataSource jdbc = new CountingDataSource(db.unpooledDataSource());
        SessionFactory sessions = sessions(jdbc, db);
        var name = select(col(Part.class, "name")).where(col(Part.class, "id").eq(1L));
        try (Session session = sessions.openSession()) {
            assertThat((Object) session.execute(name).one().get(0)).isEqualTo("bolt");
        }

        sessions.engine().useTransaction(connection -> {
            connection.execute(Sql.text("drop table part"));
            connection.execute(Sql.text("create table part (id bigint primary key, name integer)"));
            connection.execute(Sql.text("insert into part (id, name) values (1, 7)"));
        });

        try (Session session = sessions.openSession()) {
            Row row = session.execute(name).one();
            assertThat((Object) row.get(0)).isEqualTo(7);
        }
    }
}
