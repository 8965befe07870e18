package io.athanor.orm;

import io.athanor.orm.session.InstanceState;

/**
 * Static entry points that belong to no other class (SQLAlchemy's {@code inspect()}).
 */
public final class Athanor {

    private Athanor() {
    }

    /**
     * The state of a mapped object: transient, pending, persistent, deleted or detached, its identity
     * and its session.
     *
     * <pre>{@code
     * Customer ed = new Customer("Ed", "UK");
     * Athanor.inspect(ed).isTransient();   // true
     * session.add(ed);
     * Athanor.inspect(ed).isPending();     // true
     * }</pre>
     *
     * @param object any object
     * @return its state; an object no session has seen is transient
     */
    public static InstanceState inspect(Object object) {
        return io.athanor.orm.session.Session.inspect(object);
    }
}
