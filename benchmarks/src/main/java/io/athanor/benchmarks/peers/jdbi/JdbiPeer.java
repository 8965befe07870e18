package io.athanor.benchmarks.peers.jdbi;

import io.athanor.benchmarks.Item;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;

import javax.sql.DataSource;

/** JDBI's fluent core API over the benchmark's pool, with a registered {@link RowMapper} for items. */
public final class JdbiPeer {

    /** Builds an {@link Item} from a row of {@code id, name, quantity}, by column name as JDBI's guide does. */
    static final RowMapper<Item> ITEM = (rows, context) ->
            new Item(rows.getLong("id"), rows.getString("name"), rows.getInt("quantity"));

    private JdbiPeer() {
    }

    public static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).registerRowMapper(Item.class, ITEM);
        // The pool's connections arrive with auto-commit off, which JDBI's default handler takes for a
        // transaction someone else owns (inTransaction would join it and never commit). managed() is JDBI's
        // documented handler for such pools: inTransaction begins and commits the transaction itself.
        jdbi.setTransactionHandler(LocalTransactionHandler.managed());
        return jdbi;
    }
}
