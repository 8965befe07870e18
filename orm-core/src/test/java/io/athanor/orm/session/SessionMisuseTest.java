package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way of misusing a session gets a clear error with its code. */
class SessionMisuseTest {

    private static SessionFactory h2Sessions() {
        io.athanor.orm.engine.Engine engine = io.athanor.orm.engine.Engine.create(
                "jdbc:h2:mem:misuse_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        io.athanor.orm.mapping.Registry registry = io.athanor.orm.mapping.Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @Test
    void deletingATransientObjectIsRefused() {
        try (Session session = h2Sessions().openSession()) {
            Customer ed = new Customer("Ed", "UK");

            assertThatThrownBy(() -> session.delete(ed))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E063] Customer@[0-9a-f]+ is not persisted, so it cannot be deleted\\."
                            + " A pending object leaves the session with expunge\\(\\)\\.");
        }
    }

    @Test
    void addingAnObjectOfAnotherOpenSessionIsRefused() {
        SessionFactory sessions = h2Sessions();
        try (Session first = sessions.openSession(); Session second = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            first.add(ed);

            assertThatThrownBy(() -> second.add(ed))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E061] Customer@[0-9a-f]+ is already attached to " + first + ", which is"
                            + " open; this is " + second + "\\. Expunge it from there first, or copy it into this session"
                            + " with merge\\(\\)\\.");
        }
    }

    @Test
    void anObjectOfAClosedSessionCanBeAddedToAnother() {
        SessionFactory sessions = h2Sessions();
        Customer ed = new Customer("Ed", "UK");
        try (Session first = sessions.openSession()) {
            first.add(ed);
            first.commit();
        }
        try (Session second = sessions.openSession()) {
            second.add(ed);
            assertThat(second.contains(ed)).isTrue();
        }
    }

    @Test
    void attachingASecondObjectWithTheSameIdentityIsRefused() {
        SessionFactory sessions = h2Sessions();
        Customer detached = new Customer("Ed", "UK");
        sessions.useTransaction(session -> session.add(detached));
        try (Session session = sessions.openSession()) {
            session.get(Customer.class, detached.getId());

            assertThatThrownBy(() -> session.add(detached))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E062] Cannot attach Customer(1): another object with the same identity is already"
                            + " in " + session + ". Use merge() to copy its state onto that object.");
        }
    }

    @Test
    void aClosedSessionRefusesWork() {
        Session session = h2Sessions().openSession();
        session.close();
        session.close();

        assertThatThrownBy(() -> session.get(Customer.class, 1L))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[ATH-E066] " + session + " is closed; open a new one with sessionFactory.openSession().");
        assertThatThrownBy(() -> session.add(new Customer("Ed", "UK"))).hasMessageStartingWith("[ATH-E066]");
    }

    @Test
    void aSessionUsedFromTwoThreadsAtOnceIsRefused() throws Exception {
        SessionFactory sessions = h2Sessions();
        Session session = sessions.openSession();
        CountDownLatch insideFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "second-thread"));
        try {
            Future<Throwable> refused = other.submit(() -> {
                insideFirst.await();
                try {
                    session.get(Customer.class, 1L);
                    return null;
                } catch (Throwable expected) {
                    return expected;
                } finally {
                    secondDone.countDown();
                }
            });
            session.noAutoflush(() -> {
                // The session is in use by this thread for as long as the block runs.
                session.get(Customer.class, 2L);
                insideFirst.countDown();
                awaitQuietly(secondDone);
                return session.get(Customer.class, 3L);
            });

            assertThat(refused.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E065] " + session + " is in use by thread '")
                    .hasMessageContaining("while thread 'second-thread' tries to use it. A Session belongs to one thread at"
                            + " a time: open one per thread or request with sessionFactory.openSession().");
        } finally {
            other.shutdownNow();
            session.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refreshingAnObjectNotInTheSessionIsRefused() {
        try (Session session = h2Sessions().openSession()) {
            assertThatThrownBy(() -> session.refresh(new Customer("Ed", "UK")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageMatching("\\[ATH-E071] Customer@[0-9a-f]+ is not persistent in Session#\\d+, so it cannot"
                            + " refresh\\. Only objects loaded or flushed in this session can; add\\(\\) a detached"
                            + " object first, flush\\(\\) a pending one\\.");
        }
    }

    @Test
    void changingThePrimaryKeyOfAPersistentObjectIsRefusedAtFlush() throws Exception {
        SessionFactory sessions = h2Sessions();
        try (Session session = sessions.openSession()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            java.lang.reflect.Field id = Customer.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(ed, 99L);

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E068] The primary key Customer.id of persistent Customer 1 was changed to 99;"
                            + " Athanor does not move rows between keys. Delete the object and add a new one instead.");
        }
    }

    @AcrossDatabases
    void anAssignedKeyLeftNullIsRefusedAtFlush(TestDatabase db) {
        try (Session session = SessionTestSupport.sessions(db).openSession()) {
            session.add(new Account(null, "ed"));

            assertThatThrownBy(session::flush)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E069] The primary key Account.id of a new Account is null and the database does not"
                            + " generate it; assign it before flush, or map it as a generated key.");
        }
    }

    @Test
    void anUnmappedClassIsReportedWithTheMappedOnes() {
        try (Session session = h2Sessions().openSession()) {
            assertThatThrownBy(() -> session.add("not an entity"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E052] Class java.lang.String is not mapped by this Registry; it maps [Customer]."
                            + " Annotate it with @Table and add it with Registry.of(..) or Registry.scan(..).");
        }
    }
}
