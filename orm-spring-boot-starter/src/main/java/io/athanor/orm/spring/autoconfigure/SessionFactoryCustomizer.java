package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.session.SessionFactoryBuilder;

/**
 * Adjusts the auto-configured {@code SessionFactory} before it is built (listeners, settings). Beans of
 * this type are applied in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface SessionFactoryCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the factory's builder, with the {@code athanor.session.*} settings applied
     */
    void customize(SessionFactoryBuilder builder);
}
