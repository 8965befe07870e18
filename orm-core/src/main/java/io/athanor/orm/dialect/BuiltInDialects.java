package io.athanor.orm.dialect;

import io.athanor.orm.dialect.h2.H2Dialect;
import io.athanor.orm.dialect.mariadb.MariaDbDialect;
import io.athanor.orm.dialect.mariadb.MySqlDialect;
import io.athanor.orm.dialect.postgresql.PostgresDialect;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.engine.DialectResolver;

import java.util.Locale;
import java.util.Optional;

/** Resolves the dialects Athanor ships: H2, PostgreSQL, MariaDB and MySQL. */
public final class BuiltInDialects implements DialectResolver {

    /** Creates the resolver; called by {@link java.util.ServiceLoader}. */
    public BuiltInDialects() {
    }

    @Override
    public Optional<Dialect> forUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of(new H2Dialect());
        } else if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        } else if (url.startsWith("jdbc:mariadb:")) {
            return Optional.of(new MariaDbDialect());
        } else if (url.startsWith("jdbc:mysql:")) {
            return Optional.of(new MySqlDialect());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Dialect> forProductName(String productName) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (product.equals("h2")) {
            return Optional.of(new H2Dialect());
        } else if (product.contains("postgresql")) {
            return Optional.of(new PostgresDialect());
        } else if (product.contains("mariadb")) {
            return Optional.of(new MariaDbDialect());
        } else if (product.contains("mysql")) {
            return Optional.of(new MySqlDialect());
        }
        return Optional.empty();
    }
}
