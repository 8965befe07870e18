package io.athanor.orm.performance;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.IsolationLevel;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.CountingDataSource;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a unit of work asks of the driver, counted at the JDBC boundary: a session that only reads sends
 * its SELECTs and nothing else where running them outside a transaction is invisible (READ COMMITTED on
 * PostgreSQL and H2), the first write begins the transaction, and a fetch size is set only on a query that
 * asks to stream. Connections come from a {@link CountingDataSource} whose connections start in auto-commit
 * mode, as Spring Boot's pool hands them out.
 */
class RoundTripsTest {

    private static final class Fixture {
        final CountingDataSource jdbc;
        final SessionFactory sessions;

        Fixture(TestDatabase db, boolean deferBegin) {
            jdbc = new CountingDataSource(db.unpooledDataSource());
            Engine engine = db.track(Engine.builder().dataSource(jdbc).deferBegin(deferBegin).echo(true).build());
            Registry registry = Registry.of(Part.class);
            registry.metadata().createAll(engine);
            sessions = SessionFactory.of(engine, registry);
            sessions.useTransaction(session -> session.addAll(List.of(new Part(1, "bolt"), new Part(2, "nut"))));
            jdbc.clear();
        }
    }

    /**
     * Whether the database's connections run plain reads outside a transaction by default: not MariaDB's,
     * whose default isolation is REPEATABLE READ, where reads must share one snapshot.
     */
    private static boolean defers(TestDatabase db) {
        return db.kind() != DatabaseKind.MARIADB;
    }

    @AcrossDatabases
    void aSessionThatOnlyReadsSendsItsSelectAndNoCommitOrRollback(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession()) {
            assertThat(session.get(Part.class, 1L).getName()).isEqualTo("bolt");
            session.commit();
        }

        if (defers(db)) {
            // The only call that reaches the database is the SELECT (reading its metadata is local).
            assertThat(fixture.jdbc.calls()).filteredOn(call -> !call.equals("getMetaData")).containsExactly("execute");
        } else {
            // MariaDB: the transaction begins with the SELECT and is committed.
            assertThat(fixture.jdbc.count("execute")).isEqualTo(1);
            assertThat(fixture.jdbc.count("commit")).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aSessionClosedAfterOnlyReadingSendsNoRollback(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession()) {
            assertThat(session.scalars(select(Part.class).orderBy(col("id"))).all()).hasSize(2);
        }

        assertThat(fixture.jdbc.count("rollback")).isEqualTo(defers(db) ? 0 : 1);
        assertThat(fixture.jdbc.count("commit")).isZero();
    }

    @AcrossDatabases
    void theFirstWriteBeginsTheTransactionAfterTheReadsAndCommitEndsIt(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.get(Part.class, 1L).setName("washer");
            session.commit();

            List<String> events = sql.events();
            if (defers(db)) {
                assertThat(events).containsExactly("SELECT id, name FROM part WHERE id = ?",
                        "BEGIN (implicit)", "UPDATE part SET name = ? WHERE id = ?", "COMMIT");
            } else {
                assertThat(events).containsExactly("BEGIN (implicit)",
                        "SELECT id, name FROM part WHERE id = ?", "UPDATE part SET name = ? WHERE id = ?",
                        "COMMIT");
            }
        }
        // The connection goes back in the auto-commit mode it came with.
        assertThat(fixture.jdbc.calls()).endsWith("commit", "setAutoCommit(true)");
        assertThat(fixture.jdbc.count("commit")).isEqualTo(1);
        try (Session session = fixture.sessions.openSession()) {
            assertThat(session.get(Part.class, 1L).getName()).isEqualTo("washer");
        }
    }

    @AcrossDatabases
    void aRollbackAfterAWriteUndoesItThoughTheReadsBeforeItRanOutsideTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession()) {
            Part bolt = session.get(Part.class, 1L);
            bolt.setName("washer");
            session.flush();
            session.rollback();
            session.refresh(bolt);

            assertThat(bolt.getName()).isEqualTo("bolt");
        }
        try (Session session = fixture.sessions.openSession()) {
            assertThat(session.get(Part.class, 1L).getName()).isEqualTo("bolt");
        }
    }

    @AcrossDatabases
    void aLockingSelectBeginsTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.scalars(select(Part.class).where(col("id").eq(1L)).forUpdate()).one();

            assertThat(sql.events().get(0)).isEqualTo("BEGIN (implicit)");
            assertThat(fixture.jdbc.calls()).contains("setAutoCommit(false)");
        }
    }

    @AcrossDatabases
    void aSelectOfCurrentTimestampBeginsTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.execute(select(Sql.func.currentTimestamp()).from(Part.class).where(col("id").eq(1L))).one();

            assertThat(sql.events().get(0)).isEqualTo("BEGIN (implicit)");
        }
    }

    @AcrossDatabases
    void sqlTextBeginsTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.execute(Sql.text("select name from part where id = 1")).scalar();

            assertThat(sql.events().get(0)).isEqualTo("BEGIN (implicit)");
        }
    }

    @AcrossDatabases
    void withDeferBeginOffTheFirstReadBeginsTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, false);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.get(Part.class, 1L);
            session.commit();

            assertThat(sql.events()).containsExactly("BEGIN (implicit)",
                    "SELECT id, name FROM part WHERE id = ?", "COMMIT");
        }
        assertThat(fixture.jdbc.count("commit")).isEqualTo(1);
    }

    @Test
    void underRepeatableReadTheFirstReadBeginsTheTransactionSoThatReadsShareOneSnapshot() {
        // H2 in memory: the engine's own pool at REPEATABLE READ, which H2 and PostgreSQL both offer.
        try (Engine engine = Engine.builder().url("jdbc:h2:mem:round_trips_rr;DB_CLOSE_DELAY=-1")
                .isolationLevel(IsolationLevel.REPEATABLE_READ).echo(true).build();
             Connection connection = engine.connect(); SqlRecorder sql = new SqlRecorder()) {
            connection.execute(select(Sql.value(1))).scalar();

            assertThat(sql.events().get(0)).isEqualTo("BEGIN (implicit)");
            assertThat(connection.inTransaction()).isTrue();
        }
    }

    @AcrossDatabases
    void aConnectionHandedOutInManualCommitModeReadsOutsideATransactionOnlyWhereSwitchingIsFree(TestDatabase db) {
        try (Engine engine = db.engineBuilder().poolProperty("autoCommit", "false").echo(true).build();
             Connection connection = engine.connect(); SqlRecorder sql = new SqlRecorder()) {
            connection.execute(select(Sql.value(1))).scalar();
            connection.commit();

            if (db.kind() == DatabaseKind.POSTGRESQL) {
                // The driver turns auto-commit on and off without a round trip.
                assertThat(sql.events()).containsExactly("SELECT ?");
            } else {
                // H2 commits when auto-commit is turned on, MariaDB sends a statement (and is at REPEATABLE READ).
                assertThat(sql.events()).containsExactly("BEGIN (implicit)", "SELECT ?", "COMMIT");
            }
        }
    }

    @AcrossDatabases
    void aQueryReadInFullSetsNoFetchSize(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession()) {
            assertThat(session.scalars(select(Part.class)).all()).hasSize(2);
        }

        assertThat(fixture.jdbc.calls()).noneMatch(call -> call.startsWith("setFetchSize"));
    }

    @AcrossDatabases
    void aQueryThatYieldsPerRowsSetsThatFetchSizeInsideTheTransaction(TestDatabase db) {
        Fixture fixture = new Fixture(db, true);

        try (Session session = fixture.sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<String> names = new ArrayList<>();
            session.scalars(select(Part.class).orderBy(col("id")).yieldPer(500)).stream()
                    .forEach(part -> names.add(part.getName()));

            assertThat(names).containsExactly("bolt", "nut");
            assertThat(fixture.jdbc.calls()).contains("setFetchSize(500)");
            assertThat(sql.events().get(0)).isEqualTo("BEGIN (implicit)");
        }
    }

    @Test
    void yieldPerRefusesFewerThanOneRow() {
        assertThatThrownBy(() -> select(Part.class).yieldPer(0))
                .isInstanceOf(ArgumentException.class)
                .hasMessageStartingWith("[ATH-E134] yieldPer(0) needs at least 1 row per round trip.");
    }
}
