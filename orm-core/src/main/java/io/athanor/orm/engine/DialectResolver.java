package io.athanor.orm.engine;

import java.util.Optional;

/**
 * Finds the dialect for a database. Implementations are discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.athanor.orm.engine.DialectResolver}), so a third-party dialect plugs in
 * by shipping one; Athanor's own dialects are found the same way.
 */
public interface DialectResolver {

    /**
     * The dialect for a JDBC URL, judged by its prefix alone (no connection is opened).
     *
     * @param jdbcUrl the URL, e.g. {@code jdbc:postgresql://localhost/shop}
     * @return the dialect, or empty when this resolver does not know the URL
     */
    Optional<Dialect> forUrl(String jdbcUrl);

    /**
     * The dialect for a database product name as JDBC metadata reports it.
     *
     * @param productName e.g. {@code PostgreSQL}, {@code H2}, {@code MariaDB}
     * @return the dialect, or empty when this resolver does not know the product
     */
    Optional<Dialect> forProductName(String productName);
}
