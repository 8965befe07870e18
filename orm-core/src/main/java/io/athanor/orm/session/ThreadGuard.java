package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Detects a session used from two threads at the same time (SQLAlchemy 2.0 raises then too). A session
 * may move between threads; it may not be in two at once.
 */
final class ThreadGuard {

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private int depth;

    void enter(Object session) {
        Thread current = Thread.currentThread();
        if (owner.get() == current) {
            depth++;
            return;
        }
        if (!owner.compareAndSet(null, current)) {
            Thread other = owner.get();
            throw new InvalidRequestException("ATH-E065", session + " is in use by thread '"
                    + (other == null ? "?" : other.getName()) + "' while thread '" + current.getName()
                    + "' tries to use it. A Session belongs to one thread at a time: open one per thread or request"
                    + " with sessionFactory.openSession().");
        }
        depth = 1;
    }

    void exit() {
        if (--depth == 0) {
            owner.set(null);
        }
    }
}
