package io.athanor.orm.session;

import io.athanor.orm.Athanor;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A savepoint that the transaction's manager begins and rolls back (Spring's {@code NESTED}), told to a
 * joined session through {@link Session#afterExternalSavepoint(Object)} and
 * {@link Session#afterExternalSavepointRollback(Object)}, as the Spring starter does. Unlike
 * {@link Session#beginNested()}, the manager does not flush first: work the session had not flushed when
 * the savepoint began belongs to the outer transaction and survives the rollback.
 */
class ExternalSavepointTest {

    private static Connection jdbc(TestDatabase db) throws SQLException {
        Connection jdbc = DriverManager.getConnection(db.url(), db.username(), db.password());
        jdbc.setAutoCommit(false);
        return jdbc;
    }

    /** What the manager does: its own SAVEPOINT, then the callback. */
    private static Savepoint begin(Connection jdbc, Session session) throws SQLException {
        Savepoint savepoint = jdbc.setSavepoint("manager_sp");
        session.afterExternalSavepoint(savepoint);
        return savepoint;
    }

    /** What the manager does on a rollback to its savepoint: the callback, then the ROLLBACK TO SAVEPOINT. */
    private static void rollBack(Connection jdbc, Session session, Savepoint savepoint) throws SQLException {
        session.afterExternalSavepointRollback(savepoint);
        jdbc.rollback(savepoint);
    }

    private static void commit(Connection jdbc, Session session) throws SQLException {
        session.beforeExternalCommit();
        jdbc.commit();
        session.afterExternalCompletion(true);
    }

    private static List<String> customers(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.text("select concat(name, ' ', country) from customers order by id"))
                    .scalars(String.class).all();
        }
    }

    @AcrossDatabases
    void anObjectAddedBeforeTheSavepointIsPendingAgainAfterTheRollbackAndAnObjectAddedInsideIsTransient(TestDatabase db)
            throws SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Connection jdbc = jdbc(db)) {
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            Savepoint savepoint = begin(jdbc, session);
            Customer wendy = new Customer("Wendy", "US");
            session.add(wendy);
            session.flush();

            rollBack(jdbc, session, savepoint);

            assertThat(Athanor.inspect(ed).isPending()).isTrue();
            assertThat(ed.getId()).isNull();
            assertThat(Athanor.inspect(wendy).isTransient()).isTrue();
            assertThat(wendy.getId()).isNull();
            commit(jdbc, session);
        }
        assertThat(customers(sessions)).containsExactly("Ed UK");
    }

    @AcrossDatabases
    void anObjectMarkedForDeletionBeforeTheSavepointIsStillMarkedAfterTheRollback(TestDatabase db) throws SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Connection jdbc = jdbc(db)) {
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            Customer ed = session.get(Customer.class, id);
            session.delete(ed);
            Savepoint savepoint = begin(jdbc, session);
            session.flush();

            rollBack(jdbc, session, savepoint);

            assertThat(Athanor.inspect(ed).isPersistent()).isTrue();
            assertThat(session.deleted()).containsExactly(ed);
            commit(jdbc, session);
        }
        assertThat(customers(sessions)).isEmpty();
    }

    @AcrossDatabases
    void aChangeMadeBeforeTheSavepointSurvivesTheRollbackAndOneMadeInsideIsUndone(TestDatabase db) throws SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = SessionTestSupport.saved(sessions, "Ed");
        try (Connection jdbc = jdbc(db)) {
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            Customer ed = session.get(Customer.class, id);
            ed.setCountry("FR");
            Savepoint savepoint = begin(jdbc, session);
            ed.setName("Edward");
            session.flush();

            rollBack(jdbc, session, savepoint);

            assertThat(ed.getName()).isEqualTo("Ed");
            assertThat(ed.getCountry()).isEqualTo("FR");
            assertThat(session.isModified(ed)).isTrue();
            commit(jdbc, session);
        }
        assertThat(customers(sessions)).containsExactly("Ed FR");
    }

    @AcrossDatabases
    void aFlushThatFailsInsideTheSavepointRefusesWorkUntilTheManagerRollsBackToIt(TestDatabase db) throws SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Connection jdbc = jdbc(db)) {
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            session.add(new Customer("Ed", "UK"));
            session.flush();
            Savepoint savepoint = begin(jdbc, session);
            session.add(new Invoice(999_999L, BigDecimal.TEN));
            IntegrityException failure = catchThrowableOfType(IntegrityException.class, session::flush);

            assertThatThrownBy(() -> session.add(new Customer("Wendy", "US")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasCause(failure)
                    .hasMessage("[ATH-E128] A flush of " + session + " failed inside a savepoint that the"
                            + " transaction's manager began (Spring's Propagation.NESTED): " + failure.getMessage()
                            + " The session refuses work until the manager rolls back to that savepoint, which restores"
                            + " the objects changed since it began: let the exception leave the NESTED method. If that"
                            + " method has returned already, roll back the whole transaction.");

            rollBack(jdbc, session, savepoint);
            session.add(new Customer("Wendy", "US"));
            commit(jdbc, session);
        }
        assertThat(customers(sessions)).containsExactly("Ed UK", "Wendy US");
    }

    @AcrossDatabases
    void aSessionClosedInsideTheTransactionLetsTheManagerBeginAndRollBackSavepoints(TestDatabase db)
            throws SQLException {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Connection jdbc = jdbc(db)) {
            Session session = sessions.openSession(sessions.engine().join(jdbc));
            session.close();

            Savepoint savepoint = begin(jdbc, session);
            rollBack(jdbc, session, savepoint);

            assertThat(session.isClosed()).isTrue();
            jdbc.rollback();
        }
    }
}
