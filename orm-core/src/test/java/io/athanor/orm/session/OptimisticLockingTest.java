package io.athanor.orm.session;

import io.athanor.orm.StaleDataException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** @Version: INSERT sets 1, UPDATE and DELETE check and bump it, a lost race raises StaleDataException. */
class OptimisticLockingTest {

    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Wallet.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    private static Long saved(SessionFactory sessions) {
        return sessions.inTransaction(session -> {
            Wallet wallet = new Wallet("ed", 100);
            session.add(wallet);
            session.flush();
            return wallet.getId();
        });
    }

    @AcrossDatabases
    void insertSetsTheVersionToOneAndEachUpdateChecksAndBumpsIt(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Long id = saved(sessions);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Wallet wallet = session.get(Wallet.class, id);
            assertThat(wallet.getVersion()).isEqualTo(1);
            sql.clear();
            wallet.setBalance(90);
            session.flush();

            assertThat(wallet.getVersion()).isEqualTo(2);
            assertThat(sql.statementsWithParameters()).containsExactly("UPDATE wallets SET balance = ?, version = ? WHERE"
                    + " id = ? AND version = ?\n[parameters: (balance=90, version=2, id=" + id + ", version=1)]");
        }
    }

    @AcrossDatabases
    void theSecondOfTwoConcurrentCommitsRaisesAndNothingIsLost(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Long id = saved(sessions);
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            Wallet mine = first.get(Wallet.class, id);
            Wallet theirs = second.get(Wallet.class, id);
            second.rollback();
            mine.setBalance(mine.getBalance() - 30);
            first.commit();
            theirs.setBalance(theirs.getBalance() + 50);

            assertThatThrownBy(second::commit)
                    .isInstanceOf(StaleDataException.class)
                    .hasMessageStartingWith("[ATH-E060] UPDATE statement on table 'wallets' expected to update 1 row(s);"
                            + " 0 were matched.");
            second.rollback();
            Wallet reloaded = second.get(Wallet.class, id);
            assertThat(reloaded.getBalance()).isEqualTo(70);
            assertThat(reloaded.getVersion()).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void aDeleteOfAChangedRowRaises(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Long id = saved(sessions);
        try (Session session = sessions.openSession()) {
            Wallet wallet = session.get(Wallet.class, id);
            session.commit();
            sessions.useTransaction(other -> other.execute(Sql.update(Wallet.class).where(Sql.col("id").eq(id))
                    .values("balance", 1).values("version", 5)));
            session.delete(wallet);

            assertThatThrownBy(session::flush)
                    .isInstanceOf(StaleDataException.class)
                    .hasMessageStartingWith("[ATH-E060] DELETE statement on table 'wallets' expected to delete 1 row(s);"
                            + " 0 were matched.");
        }
    }
}
