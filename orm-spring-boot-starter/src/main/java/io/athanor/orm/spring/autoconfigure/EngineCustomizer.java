package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.EngineBuilder;

/**
 * Adjusts the auto-configured {@code Engine} before it is built. Beans of this type are applied in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface EngineCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the engine's builder, with the {@code athanor.engine.*} settings applied
     */
    void customize(EngineBuilder builder);
}
