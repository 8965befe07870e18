package io.athanor.orm.session;

import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
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
