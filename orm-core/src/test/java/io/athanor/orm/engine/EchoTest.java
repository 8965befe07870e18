package io.athanor.orm.engine;

import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.LogCapture;
import io.athanor.orm.testing.TestDatabase;

import ch.qos.logback.classic.Level;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EchoTest {

    @AcrossDatabases
    void echoLogsEachStatementWithItsParametersAndTheTransactionEvents(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        try (LogCapture log = LogCapture.engineLog(Level.INFO); Connection conn = engine.connect()) {
            conn.execute(Sql.text("create table salesperson (id int primary key, name varchar(50))"));
            conn.execute(Sql.text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
            conn.commit();

            assertThat(log.messages(Level.INFO)).containsExactly(
                    "BEGIN (implicit)",
                    "create table salesperson (id int primary key, name varchar(50))\n[parameters: ()]",
                    "insert into salesperson values (?, ?)\n[parameters: (id=1, name='John Doe')]",
                    "COMMIT");
        }
    }

    @AcrossDatabases
    void echoLogsABatchWithItsParameterSets(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("create table salesperson (id int primary key, name varchar(50))"));
            try (LogCapture log = LogCapture.engineLog(Level.INFO)) {
                conn.executeMany(Sql.text("insert into salesperson values (:id, :name)"),
                        List.of(Map.of("id", 1, "name", "a"), Map.of("id", 2, "name", "b")));
                conn.rollback();

                assertThat(log.messages(Level.INFO)).containsExactly(
                        "insert into salesperson values (?, ?)\n[2 parameter sets: (id=1, name='a'), (id=2, name='b')]",
                        "ROLLBACK");
            }
        }
    }

    @AcrossDatabases
    void withoutEchoNothingIsLoggedAtInfo(TestDatabase db) {
        Engine engine = db.engine();
        try (LogCapture log = LogCapture.engineLog(Level.INFO); Connection conn = engine.connect()) {
            conn.execute(Sql.text("select 1"));
            conn.commit();

            assertThat(log.messages()).isEmpty();
        }
    }

    @AcrossDatabases
    void withoutEchoTheSqlLoggerStillWritesAtDebug(TestDatabase db) {
        Engine engine = db.engine();
        try (LogCapture log = LogCapture.engineLog(Level.DEBUG); Connection conn = engine.connect()) {
            conn.execute(Sql.text("select :x").bind("x", 7));

            assertThat(log.messages(Level.DEBUG)).containsExactly("BEGIN (implicit)", "select ?\n[parameters: (x=7)]");
        }
    }
}
