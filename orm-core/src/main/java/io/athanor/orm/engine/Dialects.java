package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up a {@link Dialect} by JDBC URL or database product name among the installed resolvers. */
public final class Dialects {

    private static final List<DialectResolver> RESOLVERS = ServiceLoader.load(DialectResolver.class,
            Dialects.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).collect(Collectors.toList());

    private Dialects() {
    }

    /**
     * The dialect for a JDBC URL, from its prefix; no connection is opened.
     *
     * @param jdbcUrl the URL
     * @return the dialect, or empty when the URL names an unknown database
     */
    public static Optional<Dialect> forUrl(String jdbcUrl) {
        return find(resolver -> resolver.forUrl(jdbcUrl));
    }

    /**
     * The dialect for a product name reported by {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
     *
     * @param productName the product name
     * @return the dialect
     * @throws ArgumentException when no installed dialect knows the product
     */
    public static Dialect forProductName(String productName) {
        return find(resolver -> resolver.forProductName(productName)).orElseThrow(() -> new ArgumentException(
                "ATH-E016", "No Athanor dialect for database product '" + productName + "'. Supported: H2,"
                + " PostgreSQL, MariaDB, MySQL; pass a Dialect to Engine.builder().dialect(..) for another one."));
    }

    private static Optional<Dialect> find(Function<DialectResolver, Optional<Dialect>> lookup) {
        for (DialectResolver resolver : RESOLVERS) {
            Optional<Dialect> dialect = lookup.apply(resolver);
            if (dialect.isPresent()) {
                return dialect;
            }
        }
        return Optional.empty();
    }
}
