package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Cte;
import io.athanor.orm.sql.EntityAlias;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.Subquery;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names that come from outside (a request parameter used as a sort key, a filter's attribute) can never
 * inject SQL: an attribute name is looked up in the mapping, and an unknown one is refused before any
 * statement is sent, naming it and listing the known ones; labels and aliases are quoted; values always
 * travel as bound parameters. Each test checks, with {@link SqlRecorder}, what reached the database.
 */
class IdentifierInjectionTest {

    private static final String KNOWN = "its attributes are [id, name, country].";

    /** A session factory on an echoing engine (the recorder reads the echo), with three customers. */
    private static SessionFactory customers(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(EdgeCustomer.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.inTransaction(session -> {
            session.add(new EdgeCustomer("Ann", "GB"));
            session.add(new EdgeCustomer("O'Brien; DROP TABLE edge_customers; --", "IE"));
            session.add(new EdgeCustomer("Zoë \"Z\" `Q`", "FR"));
            return null;
        });
        return sessions;
    }

    private static long count(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            return session.execute(select(func.count()).from(EdgeCustomer.class)).scalar(Long.class);
        }
    }

    /** Runs {@code call}, expects the refusal of the unknown attribute, and that no statement was sent. */
    private static void refusedBeforeAnySql(String attribute, ThrowingCallable call) {
        try (SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(call).isInstanceOf(ArgumentException.class).hasMessage("[ATH-E053] EdgeCustomer has no"
                    + " mapped attribute '" + attribute + "'; " + KNOWN);
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void anInjectionAttemptAsAnAttributeInWhereIsRefusedBeforeAnySqlIsSent(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "name; drop table edge_customers";

        try (Session session = sessions.openSession()) {
            refusedBeforeAnySql(hostile, () -> session.scalars(select(EdgeCustomer.class).where(col(hostile).eq("x")))
                    .all());
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void anInjectionAttemptInTheSelectListIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "id) or 1=1 --";

        try (Session session = sessions.openSession()) {
            refusedBeforeAnySql(hostile, () -> session.execute(select(col(EdgeCustomer.class, hostile))).all());
        }
    }

    @AcrossDatabases
    void everyHostileSortKeyIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        // Quotes and backticks of each dialect, comments, a different case, whitespace, the table's column syntax.
        List<String> hostile = List.of("name\"", "na`me", "name' --", "name /*", "NAME", " name", "name ", "",
                "edge_customers.name", "name, (select 1)", "1", "id desc; delete from edge_customers");

        try (Session session = sessions.openSession()) {
            for (String key : hostile) {
                refusedBeforeAnySql(key, () -> session.scalars(select(EdgeCustomer.class).orderBy(col(key).desc()))
                        .all());
            }
        }
        assertThat(count(sessions)).isEqualTo(3);
        System.out.printf("[identifiers] %s: %d hostile sort keys tried, each refused before any SQL was sent; the"
                + " table unchanged%n", db.label(), hostile.size());
    }

    @AcrossDatabases
    void anUnknownAttributeInABulkUpdateIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "country = 'XX' --";

        try (Session session = sessions.openSession()) {
            refusedBeforeAnySql(hostile, () -> session.execute(Sql.update(EdgeCustomer.class)
                    .where(col("name").eq("Ann")).values(hostile, "GB")));
        }
    }

    @AcrossDatabases
    void anUnknownAttributeInAnInsertIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "country) values ('x', 'y'); --";

        try (Session session = sessions.openSession()) {
            refusedBeforeAnySql(hostile, () -> session.execute(Sql.insert(EdgeCustomer.class)
                    .values(Map.of("name", "Bo", hostile, "SE"))));
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void anUnknownAttributeInABatchInsertIsRefusedBeforeAnySqlIsSent(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "country) values ('x', 'y'); --";

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.execute(Sql.insert(EdgeCustomer.class), List.of(Map.of("name", "Bo",
                    hostile, "SE")))).isInstanceOf(ArgumentException.class)
                    .hasMessageStartingWith("[ATH-E053] EdgeCustomer has no mapped attribute '" + hostile + "'");
            assertThat(sql.statements()).isEmpty();
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void anUnknownAttributeInALegacyFilterIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "1=1 or name";

        try (Session session = sessions.openSession()) {
            refusedBeforeAnySql(hostile, () -> session.query(EdgeCustomer.class).filterBy(hostile, "x").all());
        }
    }

    @AcrossDatabases
    void valuesThatLookLikeSqlTravelAsBoundParameters(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String hostile = "x' OR '1'='1";

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<EdgeCustomer> found = session.scalars(select(EdgeCustomer.class).where(col("name").eq(hostile))).all();

            assertThat(found).isEmpty();
            assertThat(sql.statements()).hasSize(1);
            assertThat(sql.statements().get(0)).contains("name = ?").doesNotContain("OR '1'");
        }
    }

    @AcrossDatabases
    void aStoredValueThatLooksLikeSqlIsFoundByEqualityAndByContains(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String stored = "O'Brien; DROP TABLE edge_customers; --";

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThat(session.scalars(select(EdgeCustomer.class).where(col("name").eq(stored))).one().getCountry())
                    .isEqualTo("IE");
            // contains() escapes % and _ and binds the pattern: "%'; --" is matched literally.
            assertThat(session.scalars(select(EdgeCustomer.class).where(col("name").contains("; --"))).all())
                    .extracting(EdgeCustomer::getName).containsExactly(stored);
            assertThat(sql.statements()).allSatisfy(statement -> assertThat(statement).doesNotContain("DROP"));
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void aTextStatementBindsItsValuesAsParameters(TestDatabase db) {
        SessionFactory sessions = customers(db);

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            long matched = session.execute(Sql.text("select count(*) from edge_customers where name = :name")
                    .bind("name", "'; delete from edge_customers; --")).scalar(Long.class);

            assertThat(matched).isZero();
            assertThat(sql.statements()).containsExactly("select count(*) from edge_customers where name = ?");
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void labelsAndAliasesWithQuoteCharactersAreQuotedNotExecuted(TestDatabase db) {
        SessionFactory sessions = customers(db);
        String label = "n\"; drop table edge_customers; -- `x`";
        EntityAlias<EdgeCustomer> alias = Sql.alias(EdgeCustomer.class, "c\" `; --");

        try (Session session = sessions.openSession()) {
            List<String> names = session.execute(select(alias.col("name").as(label)).from(alias)
                    .orderBy(alias.col("id"))).scalars(String.class).all();

            assertThat(names).containsExactly("Ann", "O'Brien; DROP TABLE edge_customers; --", "Zoë \"Z\" `Q`");
        }
        assertThat(count(sessions)).isEqualTo(3);
    }

    @AcrossDatabases
    void anUnknownColumnOfASubqueryIsRefusedNamingTheKnownOnes(TestDatabase db) {
        SessionFactory sessions = customers(db);
        Subquery perCountry = select(col(EdgeCustomer.class, "country"), func.count().as("n"))
                .groupBy(col(EdgeCustomer.class, "country")).subquery("per_country");

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.execute(select(perCountry.col("n; drop table edge_customers"))
                    .from(perCountry)).all()).isInstanceOf(ArgumentException.class).hasMessage("[ATH-E112] The subquery"
                    + " 'per_country' has no column 'n; drop table edge_customers'; its columns are [country, n]. Name a"
                    + " column as the subquery selects it: a table column by its column name, an expression by its"
                    + " label (.as(\"name\")).");
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void anUnknownColumnOfACteIsRefused(TestDatabase db) {
        SessionFactory sessions = customers(db);
        Cte names = select(col(EdgeCustomer.class, "name").as("who")).cte("names");

        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.execute(select(names.col("name")).from(names)).all())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessageStartingWith("[ATH-E112] The CTE 'names' has no column 'name'; its columns are [who].");
            assertThat(sql.statements()).isEmpty();
        }
    }

    @AcrossDatabases
    void knownColumnsOfSubqueriesAndCtesStillWork(TestDatabase db) {
        SessionFactory sessions = customers(db);
        Subquery perCountry = select(col(EdgeCustomer.class, "country"), func.count().as("n"))
                .groupBy(col(EdgeCustomer.class, "country")).subquery("per_country");
        Cte numbers = select(Sql.cast(Sql.value(1), SqlType.INTEGER).as("n")).cte("numbers");
        numbers = numbers.unionAll(select(numbers.col("n").plus(1)).from(numbers).where(numbers.col("n").lt(3)));

        try (Session session = sessions.openSession()) {
            assertThat(session.execute(select(perCountry.col("country"), perCountry.col("n")).from(perCountry)
                    .orderBy(perCountry.col("country"))).all()).extracting(row -> row.get(0)).containsExactly("FR", "GB", "IE");
            assertThat(session.execute(select(numbers.col("n")).from(numbers).orderBy(numbers.col("n")))
                    .scalars(Integer.class).all()).containsExactly(1, 2, 3);
        }
    }

    @AcrossDatabases
    void wordsThatADatabaseReservesWorkAsColumnNames(TestDatabase db) {
        Engine engine = db.engine();
        Registry registry = Registry.of(EdgeReservedWords.class);
        // H2 refused CREATE TABLE with a column named day; PostgreSQL one named binary, verbose or do.
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.inTransaction(session -> {
            session.add(new EdgeReservedWords(7));
            return null;
        });

        try (Session session = sessions.openSession()) {
            EdgeReservedWords row = session.scalars(select(EdgeReservedWords.class).where(col("day").eq(7),
                    col("doWord").eq(7), col("verbose").eq(7)).orderBy(col("year"), col("order"))).one();

            assertThat(row.getDay()).isEqualTo(7);
            assertThat(row.getDoWord()).isEqualTo(7);
        }
    }
}
