/**
 * Spring Boot auto-configuration for Athanor: the {@code Engine}, {@code Registry} and
 * {@code SessionFactory} beans, their {@code athanor.*} properties, schema creation at startup, failure
 * analyzers, exception translation, health and metrics. Only Spring glue lives here; the ORM is
 * orm-core.
 */
package io.athanor.orm.spring.autoconfigure;
