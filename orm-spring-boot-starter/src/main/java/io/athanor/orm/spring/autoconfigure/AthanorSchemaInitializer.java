package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the mapped tables at startup ({@code registry.metadata().createAll(engine)}), as
 * {@code athanor.schema.create} says: always, only for an embedded database (the default), or never.
 */
public final class AthanorSchemaInitializer implements InitializingBean {

    private static final Log LOGGER = LogFactory.getLog(AthanorSchemaInitializer.class);

    private final Engine engine;
    private final Registry registry;
    private final boolean create;

    /**
     * Creates the initializer.
     *
     * @param engine the database
     * @param registry the mapped classes
     * @param create whether to create the tables
     */
    public AthanorSchemaInitializer(Engine engine, Registry registry, boolean create) {
        this.engine = engine;
        this.registry = registry;
        this.create = create;
    }

    /** Whether the tables are created at startup. */
    public boolean creates() {
        return create;
    }

    @Override
    public void afterPropertiesSet() {
        if (create && !registry.metadata().tables().isEmpty()) {
            LOGGER.info("Creating the mapped tables that do not exist yet: " + registry.metadata().tables().size()
                    + " table(s) mapped");
            registry.metadata().createAll(engine);
        }
    }
}
