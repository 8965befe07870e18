package io.athanor.orm.session;

import io.athanor.orm.Athanor;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.Row;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.session.SessionTestSupport.sessions;
import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Select.readOnly()}: plain objects that no session tracks. */
class ReadOnlyQueryTest {

    private static SessionFactory twoCustomers(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        sessions.useTransaction(session -> session.addAll(List.of(new Customer("Ed", "UK"), new Customer("Wendy", "FR"))));
        return sessions;
    }

    @AcrossDatabases
    void readOnlyObjectsCarryTheRowsValues(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            List<Customer> customers = session.scalars(select(Customer.class).orderBy(col("id")).readOnly()).all();

            assertThat(customers).extracting(Customer::getId, Customer::getName, Customer::getCountry)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "Ed", "UK"),
                            org.assertj.core.groups.Tuple.tuple(2L, "Wendy", "FR"));
        }
    }

    @AcrossDatabases
    void readOnlyObjectsAreNotInTheSession(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            Customer ed = session.scalars(select(Customer.class).where(col("name").eq("Ed")).readOnly()).one();

            assertThat(session.contains(ed)).isFalse();
            // No session kept it, so none knows it has a row: add() would INSERT it; merge() writes it to its row.
            assertThat(Athanor.inspect(ed).isTransient()).isTrue();
        }
    }

    @AcrossDatabases
    void eachReadOnlyQueryBuildsNewInstances(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            Customer tracked = session.get(Customer.class, 1L);
            Customer first = session.scalars(select(Customer.class).where(col("id").eq(1L)).readOnly()).one();
            Customer second = session.scalars(select(Customer.class).where(col("id").eq(1L)).readOnly()).one();

            assertThat(first).isNotSameAs(second).isNotSameAs(tracked);
        }
    }

    @AcrossDatabases
    void changesToReadOnlyObjectsAreNeverFlushed(TestDatabase db) {
        SessionFactory sessions = twoCustomers(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.scalars(select(Customer.class).where(col("id").eq(1L)).readOnly()).one();
            ed.setName("Edward");
            session.commit();

            assertThat(sql.statements()).noneMatch(statement -> statement.startsWith("UPDATE"));
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Customer.class, 1L).getName()).isEqualTo("Ed");
        }
    }

    @AcrossDatabases
    void pendingChangesAreFlushedBeforeAReadOnlyQuery(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            session.add(new Customer("Jack", "US"));

            List<String> names = session.scalars(select(Customer.class).orderBy(col("id")).readOnly()).all()
                    .stream().map(Customer::getName).toList();

            assertThat(names).containsExactly("Ed", "Wendy", "Jack");
        }
    }

    @AcrossDatabases
    void sessionExecuteReturnsReadOnlyObjectsInRows(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            Row row = session.execute(select(Customer.class).where(col("id").eq(2L)).readOnly()).one();
            Customer wendy = (Customer) row.get(0);

            assertThat(wendy.getName()).isEqualTo("Wendy");
            assertThat(session.contains(wendy)).isFalse();
        }
    }

    @AcrossDatabases
    void loaderOptionsAreRefusedOnAReadOnlyQuery(TestDatabase db) {
        try (Session session = twoCustomers(db).openSession()) {
            assertThatThrownBy(() -> session.scalars(select(Customer.class).options(Load.selectin("orders")).readOnly()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E096] A readOnly() query loads plain objects that no session tracks, so it cannot"
                            + " load relationships; it was given [Load.selectin(\"orders\")]. Drop readOnly() to load"
                            + " related objects, or load them with a second readOnly() query.");
        }
    }
}
