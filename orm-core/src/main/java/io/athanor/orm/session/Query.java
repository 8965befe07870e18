package io.athanor.orm.session;

import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Select;
import io.athanor.orm.sql.Sql;

import java.util.List;

/**
 * SQLAlchemy 1.x's {@code Query}, for code written in that style; each call refines an underlying
 * {@link Select}, which {@link #statement()} returns.
 *
 * <pre>{@code
 * Customer ed = session.query(Customer.class).filterBy("name", "Ed").orderBy(Sql.col("id")).first();
 * }</pre>
 *
 * @param <T> the mapped class
 */
public final class Query<T> {

    private final Session session;
    private final Select<T> select;

    Query(Session session, Select<T> select) {
        this.session = session;
        this.select = select;
    }

    /**
     * Keeps rows whose attribute equals a value ({@code filter_by(name="ed")}).
     *
     * @param attribute the attribute name
     * @param value the value
     * @return the refined query
     */
    public Query<T> filterBy(String attribute, Object value) {
        return new Query<>(session, select.where(Sql.<Object>col(attribute).eq(value)));
    }

    /**
     * Keeps rows matching the criteria ({@code filter(..)}).
     *
     * @param criteria conditions
     * @return the refined query
     */
    @SafeVarargs
    public final Query<T> filter(Expression<Boolean>... criteria) {
        return new Query<>(session, select.where(criteria));
    }

    /**
     * Orders the rows.
     *
     * @param orderings expressions or orderings
     * @return the refined query
     */
    public Query<T> orderBy(Object... orderings) {
        return new Query<>(session, select.orderBy(orderings));
    }

    /**
     * At most {@code count} rows.
     *
     * @param count the limit
     * @return the refined query
     */
    public Query<T> limit(long count) {
        return new Query<>(session, select.limit(count));
    }

    /**
     * Skips {@code count} rows.
     *
     * @param count the offset
     * @return the refined query
     */
    public Query<T> offset(long count) {
        return new Query<>(session, select.offset(count));
    }

    /** All matching objects. */
    public List<T> all() {
        return session.scalars(select).all();
    }

    /** The first matching object, or null (one row is fetched). */
    public T first() {
        return session.scalars(select.limit(1)).first();
    }

    /** Exactly one matching object; raises when there are none or several. */
    public T one() {
        return session.scalars(select).one();
    }

    /** The only matching object, or null; raises when there are several. */
    public T oneOrNull() {
        return session.scalars(select).oneOrNull();
    }

    /** The number of matching rows. */
    public long count() {
        Select<Object> counting = Sql.select(Sql.func.count()).from(select.items().get(0));
        if (select.whereClause() != null) {
            counting = counting.where(select.whereClause());
        }
        return session.execute(counting).scalar(Long.class);
    }

    /**
     * The object with a primary key ({@code query.get(id)}, now {@code session.get}).
     *
     * @param id the key
     * @return the object or null
     */
    @SuppressWarnings("unchecked")
    public T get(Object id) {
        return session.get((Class<T>) select.items().get(0), id);
    }

    /** The SELECT this query stands for. */
    public Select<T> statement() {
        return select;
    }
}
