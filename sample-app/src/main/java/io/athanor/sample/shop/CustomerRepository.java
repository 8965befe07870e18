package io.athanor.sample.shop;

import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Ordering;
import io.athanor.orm.sql.Select;
import io.athanor.sample.shop.model.Customer;
import io.athanor.sample.shop.model.ShopOrder;

import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;

/**
 * Data access for customers, on the session of the current Spring transaction. As a {@code @Repository}
 * its Athanor exceptions reach callers as Spring's {@code DataAccessException}s.
 */
@Repository
public class CustomerRepository {

    /** The attributes a client may sort by; anything else is refused, never put into SQL. */
    static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "country", "country");

    private final SessionFactory sessions;

    public CustomerRepository(SessionFactory sessions) {
        this.sessions = sessions;
    }

    private Session session() {
        return sessions.currentSession();
    }

    public List<Customer> page(String country, int page, int size, String sort, boolean descending) {
        Select<Customer> query = select(Customer.class);
        if (country != null) {
            query = query.where(col("country").eq(country));
        }
        String attribute = SORTABLE.get(sort);
        if (attribute == null) {
            // The controller validates the parameter already; a caller that did not is refused too, never put into SQL.
            throw new IllegalArgumentException("Unknown sort key '" + sort + "'; sort by one of "
                    + new java.util.TreeSet<>(SORTABLE.keySet()) + ".");
        }
        Expression<Object> sortColumn = col(attribute);
        Ordering order = descending ? sortColumn.desc() : sortColumn.asc();
        // The id breaks ties, so that pages do not overlap.
        query = sort.equals("id") ? query.orderBy(order) : query.orderBy(order, col("id").asc());
        return session().scalars(query.limit(size).offset((long) page * size)).all();
    }

    public long count(String country) {
        Select<Object> query = select(func.count()).from(Customer.class);
        if (country != null) {
            query = query.where(col(Customer.class, "country").eq(country));
        }
        return session().execute(query).scalar(Long.class);
    }

    public Customer find(long id) {
        return session().get(Customer.class, id);
    }

    public Customer add(Customer customer) {
        session().add(customer);
        session().flush();
        return customer;
    }

    public void delete(Customer customer) {
        session().delete(customer);
        session().flush();
    }

    /** A customer's orders with their lines: one query for the orders, one for all their lines. */
    public List<ShopOrder> ordersOf(Customer customer) {
        return session().scalars(select(ShopOrder.class).where(col("customerId").eq(customer.getId()))
                .orderBy(col("placedAt")).options(Load.selectin("lines"))).all();
    }

    /** Orders per country: how many, and their total. */
    public List<CountryReport> ordersPerCountry() {
        return session().execute(select(col(Customer.class, "country"), func.count(col(ShopOrder.class, "id")),
                        func.coalesce(func.sum(col(ShopOrder.class, "amount")), BigDecimal.ZERO))
                .join(ShopOrder.class).groupBy(col(Customer.class, "country"))
                .orderBy(col(Customer.class, "country"))).into(CountryReport.class).all();
    }

    /** One line of the orders-per-country report. */
    public record CountryReport(String country, long orders, BigDecimal total) {
    }
}
