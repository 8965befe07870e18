package io.athanor.orm.spring.transaction;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.session.CurrentSessionContext;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Binds one session to each Spring-managed transaction, as MyBatis's {@code SqlSessionUtils} does: the
 * session runs on the transaction's own JDBC connection (so {@code JdbcTemplate} and Athanor see each
 * other's uncommitted work), is flushed before commit (not for read-only transactions), follows a
 * rollback, and is closed when the transaction completes. A {@code REQUIRES_NEW} transaction gets a
 * session of its own; the outer one is suspended with its transaction. A {@code NESTED} transaction's
 * savepoint is followed too: when Spring rolls back to it, the objects changed inside get their earlier
 * values back, and a flush that failed inside it no longer stops the session.
 */
public final class SpringCurrentSessionContext implements CurrentSessionContext {

    private final DataSource dataSource;

    /**
     * Creates the context.
     *
     * @param dataSource the DataSource whose Spring transactions sessions join (the Engine's)
     */
    public SpringCurrentSessionContext(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Session currentSession(SessionFactory factory) {
        SessionHolder holder = (SessionHolder) TransactionSynchronizationManager.getResource(factory);
        if (holder != null && !holder.session().isClosed()) {
            return holder.session();
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new InvalidRequestException("ATH-E075", "sessionFactory.currentSession() was called outside a Spring"
                    + " transaction. Annotate the calling method (or its class) with @Transactional, or open a"
                    + " session yourself with sessionFactory.openSession() (or inTransaction(..)).");
        }
        Connection jdbc = DataSourceUtils.getConnection(dataSource);
        Engine engine = factory.engine();
        Session session = factory.openSession(engine.join(jdbc));
        SessionHolder created = new SessionHolder(session);
        TransactionSynchronizationManager.bindResource(factory, created);
        TransactionSynchronizationManager.registerSynchronization(new SessionSynchronization(factory, created, jdbc));
        return session;
    }

    /**
     * Flushes before commit (refusing a commit of a transaction the database aborted), follows savepoints
     * and rollbacks to them, ends the session after completion, and follows suspension.
     */
    private final class SessionSynchronization implements TransactionSynchronization {

        private final SessionFactory factory;
        private final SessionHolder holder;
        private final Connection jdbc;

        SessionSynchronization(SessionFactory factory, SessionHolder holder, Connection jdbc) {
            this.factory = factory;
            this.holder = holder;
            this.jdbc = jdbc;
        }

        @Override
        public int getOrder() {
            // Before DataSourceUtils' own synchronization releases the connection.
            return DataSourceUtils.CONNECTION_SYNCHRONIZATION_ORDER - 10;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(factory);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(factory, holder);
        }

        @Override
        public void flush() {
            holder.session().flush();
        }

        @Override
        public void savepoint(Object savepoint) {
            holder.session().afterExternalSavepoint(savepoint);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            holder.session().afterExternalSavepointRollback(savepoint);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!readOnly) {
                holder.session().beforeExternalCommit();
            }
        }

        @Override
        public void afterCompletion(int status) {
            try {
                holder.session().afterExternalCompletion(status == STATUS_COMMITTED);
            } finally {
                TransactionSynchronizationManager.unbindResourceIfPossible(factory);
                DataSourceUtils.releaseConnection(jdbc, dataSource);
            }
        }
    }

    /** The session bound to a transaction. */
    static final class SessionHolder {
        private final Session session;

        SessionHolder(Session session) {
            this.session = session;
        }

        Session session() {
            return session;
        }
    }
}
