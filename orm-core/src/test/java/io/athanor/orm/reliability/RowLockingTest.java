package io.athanor.orm.reliability;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.reliability.FaultConnectionLostTest.FaultOrder;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.LockMode;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;

import java.util.ArrayList;
import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pessimistic locking through the ORM, on each database: {@code forUpdate(NOWAIT)} on a row another
 * transaction locked fails at once with {@link LockTimeoutException}, {@code forUpdate(SKIP_LOCKED)} returns
 * only the rows nobody holds, and a flush whose UPDATE waits on a locked row longer than the lock timeout
 * fails with {@link LockTimeoutException}, leaving the session to roll back and retry.
 */
class RowLockingTest {

    private Engine engine;
    private SessionFactory sessions;
    private final List<Long> ids = new ArrayList<>();

    private void open(TestDatabase db) {
        engine = db.track(db.engineBuilder().poolSize(2).maxOverflow(0).build());
        Registry registry = Registry.of(FaultOrder.class, FaultConnectionLostTest.FaultLine.class);
        registry.metadata().createAll(engine);
        sessions = SessionFactory.of(engine, registry);
        try (Session session = sessions.openSession()) {
            List<FaultOrder> orders = List.of(new FaultOrder("ann"), new FaultOrder("bob"), new FaultOrder("cy"));
            orders.forEach(session::add);
            session.flush();
            orders.forEach(order -> ids.add(order.getId()));
            session.commit();
        }
    }

    private FaultOrder lock(Session session, long id, LockMode mode) {
        return session.scalars(select(FaultOrder.class).where(col("id").eq(id)).forUpdate(mode)).one();
    }

    @AcrossDatabases
    void forUpdateNowaitOnARowAnotherTransactionLockedFailsAtOnceWithLockTimeoutException(TestDatabase db) {
        open(db);
        try (Session holder = sessions.openSession(); Session waiter = sessions.openSession()) {
            lock(holder, ids.get(0), LockMode.WAIT);

            LockTimeoutException refused = catchThrowableOfType(LockTimeoutException.class,
                    () -> lock(waiter, ids.get(0), LockMode.NOWAIT));

            assertThat(refused).as("NOWAIT on a locked row").isNotNull();
            assertThat(refused.code()).isEqualTo("ATH-E101");
            assertThat(refused.sql()).endsWith(" FOR UPDATE NOWAIT");
            waiter.rollback();
            holder.commit();
            assertThat(lock(waiter, ids.get(0), LockMode.NOWAIT)).as("the row, once the holder committed").isNotNull();
            waiter.commit();
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void forUpdateSkipLockedReturnsOnlyTheRowsNoOtherTransactionHolds(TestDatabase db) {
        open(db);
        try (Session holder = sessions.openSession(); Session worker = sessions.openSession()) {
            lock(holder, ids.get(1), LockMode.WAIT);

            List<Long> claimed = worker.execute(select(col(FaultOrder.class, "id")).orderBy(col(FaultOrder.class, "id"))
                    .forUpdate(LockMode.SKIP_LOCKED)).scalars(Long.class).all();

            assertThat(claimed).containsExactly(ids.get(0), ids.get(2));
            worker.commit();
            holder.commit();
        }
        assertNoConnectionCheckedOut();
    }

    @AcrossDatabases
    void aFlushWhoseUpdateWaitsOnALockedRowLongerThanTheLockTimeoutFailsAndTheRetrySucceeds(TestDatabase db) {
        open(db);
        try (Session holder = sessions.openSession(); Session writer = sessions.openSession()) {
            lock(holder, ids.get(0), LockMode.WAIT);
            FaultOrder order = writer.get(FaultOrder.class, ids.get(0));
            shortLockTimeout(db, writer);
            writer.execute(Sql.update(FaultOrder.class).values("customer", "renamed").where(col("id").eq(ids.get(2))));
            order.setCustomer("annie");

            LockTimeoutException refused = catchThrowableOfType(LockTimeoutException.class, writer::commit);

            assertThat(refused).as("the commit's flush").isNotNull();
            assertThat(refused.code()).isEqualTo("ATH-E101");
            assertThat(refused.sql()).startsWith("UPDATE fault_orders SET customer = ?");
            // The flush failed: the transaction must be rolled back before anything else.
            assertThat(catchThrowableOfType(InvalidRequestException.class, writer::commit)).isNotNull()
                    .hasMessageStartingWith("[ATH-E067]");
            writer.rollback();
            holder.commit();

            writer.get(FaultOrder.class, ids.get(0)).setCustomer("annie");
            writer.commit();
        }
        try (Session check = sessions.openSession()) {
            assertThat(check.execute(Sql.text("select customer from fault_orders order by id")).scalars(String.class)
                    .all()).as("the retried rename is kept; the bulk rename of the failed transaction is not")
                    .containsExactly("annie", "bob", "cy");
        }
        assertNoConnectionCheckedOut();
    }

    /** A lock wait of 100 ms (1 s on MariaDB, which counts whole seconds) for the session's connection. */
    private static void shortLockTimeout(TestDatabase db, Session session) {
        switch (db.kind()) {
            case POSTGRESQL:
                session.execute(Sql.text("SET LOCAL lock_timeout = '100ms'"));
                break;
            case MARIADB:
                session.execute(Sql.text("SET SESSION innodb_lock_wait_timeout = 1"));
                break;
            default:
                session.execute(Sql.text("SET LOCK_TIMEOUT 100"));
        }
    }

    private void assertNoConnectionCheckedOut() {
        HikariDataSource pool = (HikariDataSource) engine.dataSource();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections checked out of the pool")
                .isZero();
    }
}
