package io.athanor.orm.session;

import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a flush writes, in which order, and with how many statements. */
class UnitOfWorkTest {

    @AcrossDatabases
    void flushAssignsKeysAndGetThenReturnsTheSameInstanceWithoutSql(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            sql.clear();

            assertThat(session.get(Customer.class, ed.getId())).isSameAs(ed);
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void newObjectsOfOneTableAreInsertedInOneBatchInAddOrder(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = new Customer("Ed", "UK");
            Customer wendy = new Customer("Wendy", "US");
            Customer mary = new Customer("Mary", "FR");
            session.addAll(List.of(ed, wendy, mary));
            session.flush();

            if (db.dialect().supports(io.athanor.orm.engine.Capability.MULTI_ROW_INSERT_RETURNING)) {
                // PostgreSQL: one multi-row INSERT whose RETURNING gives the three keys back.
                assertThat(sql.statementsWithParameters()).containsExactly(
                        "INSERT INTO customers (name, country) VALUES (?, ?), (?, ?), (?, ?) RETURNING id\n[parameters:"
                                + " (name='Ed', country='UK', name='Wendy', country='US', name='Mary', country='FR')]");
            } else {
                assertThat(sql.statementsWithParameters()).containsExactly(
                        "INSERT INTO customers (name, country) VALUES (?, ?)\n[3 parameter sets: (name='Ed', country='UK'),"
                                + " (name='Wendy', country='US'), (name='Mary', country='FR')]");
            }
            assertThat(List.of(ed.getId(), wendy.getId(), mary.getId())).containsExactly(1L, 2L, 3L);
        }
    }

    @AcrossDatabases
    void autoflushWritesADirtyObjectBeforeAQueryNamingOnlyTheChangedColumn(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> ObjectStatesTest.flushAndGetId(session, new Customer("Ed", "UK")));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            ed.setName("Edward");
            sql.clear();

            String name = session.execute(Sql.text("select name from customers where id = :id").bind("id", id)).scalar();

            assertThat(name).isEqualTo("Edward");
            assertThat(sql.statementsWithParameters()).containsExactly(
                    "UPDATE customers SET name = ? WHERE id = ?\n[parameters: (name='Edward', id=" + id + ")]",
                    "select name from customers where id = ?\n[parameters: (id=" + id + ")]");
        }
    }

    @AcrossDatabases
    void aDeletedObjectIsNotFoundByTheNextQuery(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> ObjectStatesTest.flushAndGetId(session, new Customer("Ed", "UK")));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.delete(session.get(Customer.class, id));
            sql.clear();

            long count = session.execute(Sql.text("select count(*) from customers")).scalar(Long.class);

            assertThat(count).isZero();
            assertThat(sql.statements()).containsExactly("DELETE FROM customers WHERE id = ?",
                    "select count(*) from customers");
            assertThat(session.get(Customer.class, id)).isNull();
        }
    }

    @AcrossDatabases
    void parentsAreInsertedBeforeChildrenAndChildrenDeletedBeforeParents(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = new Customer("Ed", "UK");
            session.add(ed);
            session.flush();
            Invoice invoice = new Invoice(ed.getId(), new BigDecimal("10.00"));
            Customer wendy = new Customer("Wendy", "US");
            session.add(invoice);
            session.add(wendy);
            sql.clear();
            session.flush();
            assertThat(sql.statements()).containsExactly("INSERT INTO customers (name, country) VALUES (?, ?)",
                    "INSERT INTO invoices (customer_id, amount) VALUES (?, ?)");

            session.delete(ed);
            session.delete(invoice);
            sql.clear();
            session.flush();
            assertThat(sql.statements()).containsExactly("DELETE FROM invoices WHERE id = ?",
                    "DELETE FROM customers WHERE id = ?");
        }
    }

    @AcrossDatabases
    void updatesAndDeletesOfATableAreSentInPrimaryKeyOrderWhateverTheOrderObjectsWereLoaded(TestDatabase db) {
        List<String> written = new ArrayList<>();
        Engine engine = db.track(db.engineBuilder().build());
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.builder(engine, registry)
                .listener(Customer.class, new MapperListener<Customer>() {
                    @Override
                    public void beforeUpdate(Session session, Customer customer) {
                        written.add("update " + customer.getName());
                    }

                    @Override
                    public void beforeDelete(Session session, Customer customer) {
                        written.add("delete " + customer.getName());
                    }
                })
                .build();
        List<Long> ids = new ArrayList<>();
        try (Session session = sessions.openSession()) {
            List<Customer> customers = List.of(new Customer("c1", "UK"), new Customer("c2", "UK"),
                    new Customer("c3", "UK"), new Customer("c4", "UK"), new Customer("c5", "UK"));
            customers.forEach(session::add);
            session.flush();
            customers.forEach(customer -> ids.add(customer.getId()));
            session.commit();
        }

        try (Session session = sessions.openSession()) {
            // Loaded one by one in another order than their keys', then changed (a get() between two changes would
            // autoflush the first on its own).
            List<Customer> loaded = new ArrayList<>();
            for (int i : new int[] {3, 0, 4, 2, 1}) {
                loaded.add(session.get(Customer.class, ids.get(i)));
            }
            loaded.forEach(customer -> customer.setCountry("FR"));
            session.flush();
            for (int i : new int[] {4, 0, 2}) {
                session.delete(loaded.get(List.of(3, 0, 4, 2, 1).indexOf(i)));
            }
            session.commit();
        }

        // Concurrent flushes lock the rows in the same order, so they wait for each other instead of deadlocking.
        assertThat(written).containsExactly("update c1", "update c2", "update c3", "update c4", "update c5",
                "delete c1", "delete c3", "delete c5");
    }

    @AcrossDatabases
    void anUnchangedSessionFlushesNothing(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        Long id = sessions.inTransaction(session -> ObjectStatesTest.flushAndGetId(session, new Customer("Ed", "UK")));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            Customer ed = session.get(Customer.class, id);
            ed.setName("Ed");
            sql.clear();

            session.flush();

            assertThat(sql.statements()).isEmpty();
            assertThat(session.isModified(ed)).isFalse();
            assertThat(session.dirty()).isEmpty();
        }
    }

    @AcrossDatabases
    void compositeKeysAreInsertedFetchedAndUpdated(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        sessions.useTransaction(session -> session.addAll(List.of(new OrderLine(7, 1, "tea", 2),
                new OrderLine(7, 2, "milk", 1))));
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            OrderLine milk = session.get(OrderLine.class, List.of(7, 2));
            milk.setQuantity(3);
            session.commit();

            assertThat(milk.getProduct()).isEqualTo("milk");
            assertThat(sql.statements()).containsExactly(
                    "SELECT order_no, line_no, product, quantity FROM order_lines WHERE order_no = ? AND line_no = ?",
                    "UPDATE order_lines SET quantity = ? WHERE order_no = ? AND line_no = ?");
            assertThat(session.get(OrderLine.class, new Object[] {7, 2}).getQuantity()).isEqualTo(3);
            assertThat(session.get(OrderLine.class, java.util.Map.of("orderNo", 7, "lineNo", 9))).isNull();
        }
    }

    @AcrossDatabases
    void clientDefaultsAreAppliedAndServerDefaultsReadBack(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db);
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
        try (Session session = sessions.openSession()) {
            Account account = new Account(id, "ed");
            session.add(account);
            session.flush();

            assertThat(account.getStatus()).isEqualTo(Account.Status.OPEN);
            assertThat(account.getCreditLimit()).isEqualTo(100);
            session.commit();
            assertThat(session.get(Account.class, id).getCreditLimit()).isEqualTo(100);
        }
    }
}
