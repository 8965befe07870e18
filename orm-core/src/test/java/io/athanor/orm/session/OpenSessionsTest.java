package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process-wide table of sessions that hold objects, behind the "attached to another session" check
 * ({@code ATH-E061}): sessions opened and closed on many threads at once are listed while they hold
 * objects and gone when they close, and the check still finds an object of a session open elsewhere.
 */
class OpenSessionsTest {

    private static final int THREADS = 8;
    private static final int SESSIONS_PER_THREAD = 500;

    private static SessionFactory h2Sessions() {
        Engine engine = Engine.create("jdbc:h2:mem:open_sessions;DB_CLOSE_DELAY=-1");
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    @Test
    void aSessionIsListedWhileItHoldsObjectsAndNotAfterItCloses() {
        SessionFactory sessions = h2Sessions();
        Session session = sessions.openSession();
        try (session) {
            session.add(new Customer("Ed", "UK"));

            assertThat(OpenSessions.listed(session.id())).isTrue();
        }
        assertThat(OpenSessions.listed(session.id())).isFalse();
        sessions.engine().dispose();
    }

    @Test
    void sessionsOpenedAndClosedOnEightThreadsAtOnceLeaveNoneListedAndStillSeeAnotherSessionsObject()
            throws Exception {
        SessionFactory sessions = h2Sessions();
        java.util.Set<Long> opened = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Customer held = new Customer("Held", "UK");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Session holder = sessions.openSession()) {
            holder.add(held);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                refusals.add(pool.submit(() -> {
                    start.await();
                    int refused = 0;
                    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
                        try (Session session = sessions.openSession()) {
                            opened.add(session.id());
                            session.add(new Customer("Customer " + i, "NL"));
                            try {
                                session.add(held);
                            } catch (InvalidRequestException expected) {
                                if (expected.getMessage().startsWith("[ATH-E061]")) {
                                    refused++;
                                }
                            }
                        }
                    }
                    return refused;
                }));
            }
            start.countDown();
            for (Future<Integer> refused : refusals) {
                assertThat(refused.get(2, TimeUnit.MINUTES)).isEqualTo(SESSIONS_PER_THREAD);
            }
            assertThat(opened).hasSize(THREADS * SESSIONS_PER_THREAD).noneMatch(OpenSessions::listed);
            assertThat(OpenSessions.listed(holder.id())).isTrue();
        } finally {
            pool.shutdownNow();
        }
        sessions.engine().dispose();
    }

    @Test
    void anObjectOfASessionOpenOnAnotherThreadIsRefused() throws Exception {
        SessionFactory sessions = h2Sessions();
        Customer ed = new Customer("Ed", "UK");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Session elsewhere = other.submit(() -> {
                Session session = sessions.openSession();
                session.add(ed);
                return session;
            }).get(1, TimeUnit.MINUTES);
            try (Session here = sessions.openSession()) {
                assertThatThrownBy(() -> here.add(ed))
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageStartingWith("[ATH-E061]");
            }
            other.submit(elsewhere::close).get(1, TimeUnit.MINUTES);
        } finally {
            other.shutdownNow();
        }
        sessions.engine().dispose();
    }
}
