package io.athanor.orm.session;

/**
 * Where {@link SessionFactory#currentSession()} finds "the" session of the current unit of work
 * (Hibernate's {@code CurrentSessionContext}). The Spring Boot starter supplies one that binds a session
 * to the current Spring transaction; without one, {@code currentSession()} explains how to get a session.
 */
@FunctionalInterface
public interface CurrentSessionContext {

    /**
     * The session bound to the current unit of work, opening and binding one if needed.
     *
     * @param factory the factory asking
     * @return the current session
     * @throws io.athanor.orm.InvalidRequestException when there is no current unit of work
     */
    Session currentSession(SessionFactory factory);
}
