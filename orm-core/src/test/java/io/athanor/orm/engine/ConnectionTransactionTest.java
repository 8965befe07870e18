package io.athanor.orm.engine;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionTransactionTest {

    private static void createUsers(Engine engine) {
        engine.useTransaction(conn -> conn.execute(Sql.text(
                "create table users (id integer primary key, name varchar(50) not null)")));
    }

    private static long countUsers(Engine engine) {
        try (Connection conn = engine.connect()) {
            return conn.execute(Sql.text("select count(*) from users")).scalar(Long.class);
        }
    }

    @AcrossDatabases
    void commitKeepsTheWork(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into users values (:id, :name)").bind("id", 1).bind("name", "ed"));
            conn.commit();
        }
        assertThat(countUsers(engine)).isEqualTo(1);
    }

    @AcrossDatabases
    void closingWithoutCommitRollsBack(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into users values (:id, :name)").bind("id", 1).bind("name", "ed"));
            assertThat(conn.inTransaction()).isTrue();
        }
        assertThat(countUsers(engine)).isZero();
    }

    @AcrossDatabases
    void inTransactionCommitsAndReturnsTheCallbacksValue(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);

        long inserted = engine.inTransaction(conn -> conn.execute(
                Sql.text("insert into users values (:id, :name)").bind("id", 1).bind("name", "ed")).rowCount());

        assertThat(inserted).isEqualTo(1);
        assertThat(countUsers(engine)).isEqualTo(1);
    }

    @AcrossDatabases
    void inTransactionRollsBackWhenTheCallbackThrows(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);

        assertThatThrownBy(() -> engine.useTransaction(conn -> {
            conn.execute(Sql.text("insert into users values (:id, :name)").bind("id", 1).bind("name", "ed"));
            throw new IllegalStateException("business rule failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("business rule failed");

        assertThat(countUsers(engine)).isZero();
    }

    /** The seed tutorial's atomicity example: a failure after an insert, then rollback, leaves nothing. */
    @AcrossDatabases
    void aFailedStatementThenRollbackLeavesNoPartialWork(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into users values (:id, :name)").bind("id", 1).bind("name", "Marshall"));
            assertThatThrownBy(() -> conn.execute(Sql.text("insert into no_such_table values (1)")))
                    .isInstanceOf(DatabaseException.class);
            conn.rollback();

            assertThat(conn.execute(Sql.text("select count(*) from users where name = :name")
                    .bind("name", "Marshall")).scalar(Long.class)).isZero();
        }
    }

    @AcrossDatabases
    void rollingBackASavepointKeepsTheOuterWork(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into users values (1, 'outer')"));
            NestedTransaction savepoint = conn.beginNested();
            conn.execute(Sql.text("insert into users values (2, 'inner')"));
            savepoint.rollback();
            conn.commit();
        }
        try (Connection conn = engine.connect()) {
            assertThat(conn.execute(Sql.text("select name from users order by id")).scalars(String.class).all())
                    .containsExactly("outer");
        }
    }

    @AcrossDatabases
    void committingASavepointKeepsItsWorkInTheOuterTransaction(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            try (NestedTransaction savepoint = conn.beginNested()) {
                conn.execute(Sql.text("insert into users values (2, 'inner')"));
                savepoint.commit();
            }
            conn.commit();
        }
        assertThat(countUsers(engine)).isEqualTo(1);
    }

    @AcrossDatabases
    void executeManySendsAllParameterSetsInOneBatch(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            Result result = conn.executeMany(Sql.text("insert into users (id, name) values (:id, :name)"),
                    List.of(Map.of("id", 1, "name", "a"), Map.of("id", 2, "name", "b"), Map.of("id", 3, "name", "c")));
            conn.commit();

            assertThat(result.rowCount()).isEqualTo(3);
        }
        try (Connection conn = engine.connect()) {
            assertThat(conn.execute(Sql.text("select name from users order by id")).scalars(String.class).all())
                    .containsExactly("a", "b", "c");
        }
    }

    @AcrossDatabases
    void aClosedConnectionRefusesWork(TestDatabase db) {
        Connection conn = db.engine().connect();
        conn.close();
        conn.close();

        assertThatThrownBy(() -> conn.execute(Sql.text("select 1")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[ATH-E012] This Connection is closed; get a new one with engine.connect().");
    }

    @AcrossDatabases
    void aSavepointCannotBeEndedTwice(TestDatabase db) {
        try (Connection conn = db.engine().connect()) {
            NestedTransaction savepoint = conn.beginNested();
            savepoint.commit();

            assertThatThrownBy(savepoint::rollback)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E018] Savepoint athanor_sp_1 was already committed or rolled back, itself or"
                            + " with its outer transaction; begin a new one with beginNested().");
        }
    }

    @AcrossDatabases
    void committingTheOuterTransactionEndsItsSavepoints(TestDatabase db) {
        try (Connection conn = db.engine().connect()) {
            NestedTransaction savepoint = conn.beginNested();
            conn.commit();

            assertThat(savepoint.isActive()).isFalse();
            assertThatThrownBy(savepoint::rollback)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E018] Savepoint athanor_sp_1 was already committed or rolled back");
        }
    }

    @AcrossDatabases
    void rollingBackToASavepointEndsTheSavepointsBegunAfterIt(TestDatabase db) {
        Engine engine = db.engine();
        createUsers(engine);
        try (Connection conn = engine.connect()) {
            NestedTransaction outer = conn.beginNested();
            conn.execute(Sql.text("insert into users values (1, 'a')"));
            NestedTransaction inner = conn.beginNested();
            conn.execute(Sql.text("insert into users values (2, 'b')"));
            outer.rollback();

            assertThat(inner.isActive()).isFalse();
            assertThat(conn.execute(Sql.text("select count(*) from users")).scalar(Long.class)).isZero();
        }
    }
}
