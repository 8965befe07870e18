package io.athanor.orm.query;

import io.athanor.orm.engine.Row;
import io.athanor.orm.session.Customer;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Cte;
import io.athanor.orm.sql.EntityAlias;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.insert;
import static io.athanor.orm.sql.Sql.select;
import static io.athanor.orm.sql.Sql.update;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's "Querying" examples as written (keep in sync). */
class ReadmeQueryingTest {

    record CountryCount(String country, long customers) {
    }

    @Test
    void theQueryingExamplesRunAsWritten() {
        try (Engine engine = Engine.create("jdbc:h2:mem:readme_querying")) {
            Registry registry = Registry.of(User.class, Address.class, Customer.class);
            registry.metadata().createAll(engine);
            SessionFactory sessions = SessionFactory.of(engine, registry);
            sessions.useTransaction(session -> {
                User spongebob = new User("spongebob", "Spongebob Squarepants");
                User sandy = new User("sandy", "Sandy Cheeks");
                session.addAll(List.of(spongebob, sandy, new User("patrick", "Patrick Star")));
                session.flush();
                session.addAll(List.of(new Address("spongebob@sqlalchemy.org", spongebob.getId()),
                        new Address("sandy@sqlalchemy.org", sandy.getId()),
                        new Address("sandy@squirrelpower.org", sandy.getId())));
                session.addAll(List.of(new Customer("Ed", "UK"), new Customer("Wendy", "UK"), new Customer("Mary", "FR")));
            });
            try (Session session = sessions.openSession()) {
                // --- README: querying (keep in sync) ---
                List<User> users = session.scalars(
                        select(User.class).where(col("name").in("spongebob", "sandy")).orderBy(col("id"))).all();
                Address sandy = session.scalars(
                        select(Address.class).join(User.class)
                            .where(User_.name.eq("sandy"), Address_.emailAddress.eq("sandy@sqlalchemy.org"))).one();
                List<Row> perCountry = session.execute(
                        select(col(Customer.class, "country"), func.count()).from(Customer.class)
                            .groupBy(col(Customer.class, "country")).having(func.count().gt(1))).all();
                int moved = session.execute(update(Customer.class).where(col("country").eq("UK")).values("country", "GB")).rowCount();
                // --- end ---
                assertThat(users).extracting(User::getName).containsExactly("spongebob", "sandy");
                assertThat(sandy.getEmailAddress()).isEqualTo("sandy@sqlalchemy.org");
                assertThat(perCountry).hasSize(1);
                assertThat(perCountry.get(0).get(0, String.class)).isEqualTo("UK");
                assertThat(perCountry.get(0).get(1, Long.class)).isEqualTo(2L);
                assertThat(moved).isEqualTo(2);

                // --- README: more querying (keep in sync) ---
                List<CountryCount> counts = session.execute(
                        select(col(Customer.class, "country"), func.count()).groupBy(col(Customer.class, "country"))
                            .orderBy(col(Customer.class, "country"))).into(CountryCount.class).all();
                EntityAlias<User> other = Sql.alias(User.class, "other");
                List<Row> pairs = session.execute(select(col(User.class, "name"), other.col("name"))
                        .join(other, col(User.class, "id").lt(other.col("id")))).all();
                var addressCount = select(func.count()).from(Address.class)
                        .where(col(Address.class, "userId").eq(col(User.class, "id"))).scalarSubquery();
                List<Row> withCounts = session.execute(select(col(User.class, "name"), addressCount.as("addresses"))).all();
                Cte numbers = select(Sql.cast(Sql.value(1), SqlType.INTEGER).as("n")).cte("numbers");
                numbers = numbers.unionAll(select(numbers.col("n").plus(1)).from(numbers).where(numbers.col("n").lt(5)));
                List<Integer> oneToFive = session.execute(select(numbers.col("n")).from(numbers)).scalars(Integer.class).all();
                session.execute(insert(Customer.class), List.of(Map.of("name", "Ann", "country", "SE"),
                        Map.of("name", "Bo", "country", "SE")));                           // one JDBC batch
                User first = session.query(User.class).filterBy("name", "spongebob").first();  // SQLAlchemy 1.x style
                // --- end ---
                assertThat(counts).containsExactly(new CountryCount("FR", 1), new CountryCount("GB", 2));
                assertThat(pairs).hasSize(3);
                assertThat(withCounts).hasSize(3);
                assertThat(oneToFive).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
                assertThat(session.query(Customer.class).filterBy("country", "SE").count()).isEqualTo(2);
                assertThat(first.getName()).isEqualTo("spongebob");
            }
        }
    }
}
