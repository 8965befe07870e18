package io.athanor.orm.schema;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Constraint violations arrive as IntegrityException with their kind, SQLState and constraint name. */
class IntegrityErrorTest {

    private static Connection shopConnection(TestDatabase db) {
        Engine engine = db.engine();
        SchemaLifecycleTest.shop().createAll(engine);
        Connection conn = engine.connect();
        conn.execute(Sql.text("insert into customers (id, name) values (1, 'ed')"));
        conn.execute(Sql.text("insert into orders (id, customer_id) values (10, 1)"));
        return conn;
    }

    private static String expectedState(TestDatabase db, String standard) {
        return db.kind() == DatabaseKind.MARIADB ? "23000" : standard;
    }

    @AcrossDatabases
    void aDuplicateUniqueValueIsAUniqueViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into customers (id, name) values (2, :name)").bind("name", "ed")));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.UNIQUE);
            assertThat(error.sqlState()).isEqualTo(expectedState(db, "23505"));
            assertThat(error.constraintName()).isEqualToIgnoringCase("uq_customers_name");
            assertThat(error.code()).isEqualTo("ATH-E030");
            assertThat(error.getMessage()).startsWith("[ATH-E030] Unique constraint '" + error.constraintName() + "' violated: ")
                    .contains("; SQL [insert into customers (id, name) values (2, ?)]; parameters [***]")
                    .endsWith("A row with the same key already exists: use another value, or update the existing row."
                            + " Roll back the transaction before using it again.");
            assertThat(error.sql()).isEqualTo("insert into customers (id, name) values (2, ?)");
        }
    }

    @AcrossDatabases
    void aDuplicatePrimaryKeyIsAUniqueViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into customers (id, name) values (1, 'other')")));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.UNIQUE);
            assertThat(error.sqlState()).isEqualTo(expectedState(db, "23505"));
        }
    }

    @AcrossDatabases
    void aMissingRequiredValueIsANotNullViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into customers (id, name) values (3, :name)").bind("name", null)));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.NOT_NULL);
            assertThat(error.sqlState()).isEqualTo(expectedState(db, "23502"));
            assertThat(error.constraintName()).isEqualToIgnoringCase("name");
        }
    }

    @AcrossDatabases
    void aReferenceToAMissingRowIsAForeignKeyViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into orders (id, customer_id) values (11, 99)")));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.FOREIGN_KEY);
            // H2 reports a missing parent as 23506 ("referential integrity violation, parent missing").
            assertThat(error.sqlState()).isEqualTo(db.kind() == DatabaseKind.H2 ? "23506" : expectedState(db, "23503"));
            assertThat(error.constraintName()).isEqualToIgnoringCase("fk_orders_customer_id_customers");
        }
    }

    @AcrossDatabases
    void deletingAReferencedRowIsAForeignKeyViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("delete from customers where id = 1")));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.FOREIGN_KEY);
            assertThat(error.constraintName()).isEqualToIgnoringCase("fk_orders_customer_id_customers");
        }
    }

    @AcrossDatabases
    void aFailedCheckIsACheckViolation(TestDatabase db) {
        try (Connection conn = shopConnection(db)) {
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into order_lines (order_id, line_no, quantity) values (10, 1, -5)")));

            assertThat(error.kind()).isEqualTo(IntegrityException.Kind.CHECK);
            assertThat(error.constraintName()).isEqualToIgnoringCase("ck_order_lines_quantity_positive");
        }
    }

    @AcrossDatabases
    void parametersAreShownInTheMessageOnlyWithEcho(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        SchemaLifecycleTest.shop().createAll(engine);
        try (Connection conn = engine.connect()) {
            conn.execute(Sql.text("insert into customers (id, name) values (1, 'ed')"));
            IntegrityException error = catchThrowableOfType(IntegrityException.class,
                    () -> conn.execute(Sql.text("insert into customers (id, name) values (2, :name)").bind("name", "ed")));

            assertThat(error.parameters()).containsExactly("'ed'");
            assertThat(error.getMessage()).contains("; parameters ['ed']");
        }
    }
}
