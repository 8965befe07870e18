package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.LogCapture;
import io.athanor.orm.testing.TestDatabase;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaLifecycleTest {

    /** Children defined before their parents, so that definition order alone would fail. */
    static MetaData shop() {
        MetaData metadata = new MetaData();
        Table.builder(metadata, "order_lines")
                .column("order_id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("line_no", SqlType.INTEGER, c -> c.primaryKey())
                .column("quantity", SqlType.INTEGER, c -> c.nullable(false).serverDefault("1"))
                .foreignKey(null, java.util.List.of("order_id"), "orders", java.util.List.of("id"), ReferentialAction.CASCADE)
                .check("quantity_positive", "quantity > 0")
                .build();
        Table.builder(metadata, "orders")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("customer_id", SqlType.BIG_INTEGER, c -> c.nullable(false).references("customers.id").index())
                .column("reference", SqlType.UUID, c -> c.defaultValue((java.util.function.Supplier<UUID>) UUID::randomUUID))
                .build();
        Table.builder(metadata, "customers")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("name", SqlType.string(50), c -> c.nullable(false).unique())
                .column("country", SqlType.string(2))
                .build();
        return metadata;
    }

    @Test
    void sortedTablesPutsReferencedTablesFirst() {
        assertThat(shop().sortedTables()).extracting(Table::name).containsExactly("customers", "orders", "order_lines");
    }

    @AcrossDatabases
    void createAllCreatesEveryTableInForeignKeyOrder(TestDatabase db) throws Exception {
        Engine engine = db.engine();
        shop().createAll(engine);

        try (Connection conn = engine.connect()) {
            for (String table : new String[] {"customers", "orders", "order_lines"}) {
                assertThat(db.dialect().hasTable(conn.jdbc(), table)).as(table).isTrue();
            }
        }
    }

    @AcrossDatabases
    void createAllTwiceIsANoOp(TestDatabase db) {
        Engine engine = db.engineBuilder().echo(true).build();
        db.track(engine);
        MetaData metadata = shop();
        metadata.createAll(engine);

        try (LogCapture log = LogCapture.engineLog(Level.INFO)) {
            metadata.createAll(engine);
            assertThat(log.statements()).noneMatch(statement -> statement.startsWith("CREATE")
                    || statement.startsWith("ALTER"));
        }
    }

    @AcrossDatabases
    void dropAllDropsDependentsFirst(TestDatabase db) throws Exception {
        Engine engine = db.engine();
        MetaData metadata = shop();
        metadata.createAll(engine);
        engine.useTransaction(conn -> {
            conn.execute(Sql.text("insert into customers (id, name) values (1, 'ed')"));
            conn.execute(Sql.text("insert into orders (id, customer_id) values (10, 1)"));
        });

        metadata.dropAll(engine);

        try (Connection conn = engine.connect()) {
            assertThat(db.dialect().hasTable(conn.jdbc(), "customers")).isFalse();
            assertThat(db.dialect().hasTable(conn.jdbc(), "orders")).isFalse();
        }
        metadata.dropAll(engine);
    }

    @AcrossDatabases
    void tablesThatReferToEachOtherAreCreatedAndDropped(TestDatabase db) throws Exception {
        MetaData metadata = new MetaData();
        Table.builder(metadata, "departments")
                .column("id", SqlType.INTEGER, c -> c.primaryKey())
                .column("manager_id", SqlType.INTEGER, c -> c.references("employees.id"))
                .build();
        Table.builder(metadata, "employees")
                .column("id", SqlType.INTEGER, c -> c.primaryKey())
                .column("department_id", SqlType.INTEGER, c -> c.references("departments.id"))
                .column("mentor_id", SqlType.INTEGER, c -> c.references("employees.id"))
                .build();
        Engine engine = db.engine();

        metadata.createAll(engine);
        engine.useTransaction(conn -> {
            conn.execute(Sql.text("insert into departments (id) values (1)"));
            conn.execute(Sql.text("insert into employees (id, department_id) values (7, 1)"));
            conn.execute(Sql.text("update departments set manager_id = 7 where id = 1"));
        });
        metadata.dropAll(engine);

        try (Connection conn = engine.connect()) {
            assertThat(db.dialect().hasTable(conn.jdbc(), "departments")).isFalse();
            assertThat(db.dialect().hasTable(conn.jdbc(), "employees")).isFalse();
        }
    }

    @AcrossDatabases
    void aServerDefaultFillsAnOmittedColumnAndCascadeDeletes(TestDatabase db) {
        Engine engine = db.engine();
        shop().createAll(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into customers (id, name) values (1, 'ed')"));
            conn.execute(Sql.text("insert into orders (id, customer_id) values (10, 1)"));
            conn.execute(Sql.text("insert into order_lines (order_id, line_no) values (10, 1)"));

            assertThat(conn.execute(Sql.text("select quantity from order_lines")).scalar(Integer.class)).isEqualTo(1);
            conn.execute(Sql.text("delete from orders where id = 10"));
            assertThat(conn.execute(Sql.text("select count(*) from order_lines")).scalar(Long.class)).isZero();
        }
    }

    @AcrossDatabases
    void anAutoincrementKeyIsGeneratedByTheDatabase(TestDatabase db) {
        MetaData metadata = new MetaData();
        Table.builder(metadata, "tickets")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("title", SqlType.string(20))
                .build();
        Engine engine = db.engine();
        metadata.createAll(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into tickets (title) values ('a')"));
            conn.execute(Sql.text("insert into tickets (title) values ('b')"));

            assertThat(conn.execute(Sql.text("select id from tickets order by id")).scalars(Long.class).all())
                    .containsExactly(1L, 2L);
        }
    }

    @AcrossDatabases
    void everyTypeIsAcceptedByTheDatabase(TestDatabase db) throws Exception {
        Engine engine = db.engine();
        io.athanor.orm.dialect.DialectDdlTest.everyType().createAll(engine);

        try (Connection conn = engine.connect()) {
            assertThat(db.dialect().hasTable(conn.jdbc(), "samples")).isTrue();
        }
    }

    @Test
    void aClientDefaultSupplierGivesAFreshValueEachTime() {
        Column reference = shop().table("orders").column("reference");

        assertThat(reference.hasDefault()).isTrue();
        assertThat(reference.newDefaultValue()).isInstanceOf(UUID.class).isNotEqualTo(reference.newDefaultValue());
    }

    @Test
    void aForeignKeyToAnUndefinedTableIsReportedWithTheTablesKnown() {
        MetaData metadata = new MetaData();
        Table.builder(metadata, "orders")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("customer_id", SqlType.BIG_INTEGER, c -> c.references("customer.id"))
                .build();

        assertThatThrownBy(metadata::sortedTables)
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E045] Foreign key fk_orders_customer_id_customer of table 'orders' references table"
                        + " 'customer', which this MetaData does not define; it defines [orders].");
    }
}
