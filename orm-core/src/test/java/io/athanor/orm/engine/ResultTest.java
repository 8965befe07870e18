package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultTest {

    private static Connection withUsers(TestDatabase db) {
        Connection conn = db.engine().connect();
        conn.execute(Sql.text("create table users (id integer primary key, name varchar(50), score integer)"));
        conn.executeMany(Sql.text("insert into users values (:id, :name, :score)"), List.of(
                Map.of("id", 1, "name", "spongebob", "score", 10),
                Map.of("id", 2, "name", "sandy", "score", 20),
                Map.of("id", 3, "name", "patrick", "score", 20)));
        return conn;
    }

    @AcrossDatabases
    void allReturnsEveryRowInOrder(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            List<Row> rows = conn.execute(Sql.text("select id, name from users order by id")).all();

            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("name", String.class)).isEqualTo("spongebob");
            assertThat(rows.get(2).get(0, Long.class)).isEqualTo(3L);
        }
    }

    @AcrossDatabases
    void rowValuesAreFoundByNameInAnyCase(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Row row = conn.execute(Sql.text("select id, name from users where id = :id").bind("id", 2)).one();

            assertThat((String) row.get("NAME")).isEqualTo("sandy");
            assertThat((String) row.get("name")).isEqualTo("sandy");
            assertThat(row.size()).isEqualTo(2);
        }
    }

    @AcrossDatabases
    void anUnknownColumnNameListsTheColumns(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Row row = conn.execute(Sql.text("select id as id, name as name from users where id = 1")).one();

            assertThatThrownBy(() -> row.get("email"))
                    .isInstanceOf(ArgumentException.class)
                    .satisfies(error -> assertThat(error.getMessage().toLowerCase())
                            .isEqualTo("[ath-e014] the row has no column 'email'; its columns are [id, name]."));
        }
    }

    @AcrossDatabases
    void firstReturnsTheFirstRowOrNull(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            assertThat(conn.execute(Sql.text("select name from users order by id")).first().get(0, String.class))
                    .isEqualTo("spongebob");
            assertThat(conn.execute(Sql.text("select name from users where id = 99")).first()).isNull();
        }
    }

    @AcrossDatabases
    void oneRaisesNoResultFoundOnZeroRows(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("select name from users where id = 99"));

            assertThatThrownBy(result::one)
                    .isInstanceOf(NoResultFoundException.class)
                    .hasMessage("[ATH-E001] No row was found when one was required (one()). Use oneOrNull() or"
                            + " first() when no row is a normal outcome.");
        }
    }

    @AcrossDatabases
    void oneRaisesMultipleResultsFoundOnTwoRows(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("select name from users where score = :score").bind("score", 20));

            assertThatThrownBy(result::one)
                    .isInstanceOf(MultipleResultsFoundException.class)
                    .hasMessage("[ATH-E002] Multiple rows were found when exactly one was required (one())."
                            + " Narrow the criteria, or use first() when any row will do.");
        }
    }

    @AcrossDatabases
    void oneOrNullReturnsNullOnZeroRows(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            assertThat(conn.execute(Sql.text("select name from users where id = 99")).oneOrNull()).isNull();
        }
    }

    @AcrossDatabases
    void scalarReturnsTheFirstColumnOfTheFirstRow(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            String name = conn.execute(Sql.text("select name from users where id = :id").bind("id", 3)).scalar();
            assertThat(name).isEqualTo("patrick");
            assertThat(conn.execute(Sql.text("select sum(score) from users")).scalar(Integer.class)).isEqualTo(50);
        }
    }

    @AcrossDatabases
    void scalarsReturnsTheFirstColumnOfEveryRow(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            assertThat(conn.execute(Sql.text("select name from users order by id")).scalars(String.class).all())
                    .containsExactly("spongebob", "sandy", "patrick");
            assertThat(conn.execute(Sql.text("select id from users where id = 2")).scalars(Integer.class).one())
                    .isEqualTo(2);
        }
    }

    @AcrossDatabases
    void mappingsReturnRowsAsMapsByColumnLabel(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            List<Map<String, Object>> maps = conn.execute(
                    Sql.text("select id as \"id\", name as \"name\" from users where id = 1")).mappings();

            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("id", 1);
            expected.put("name", "spongebob");
            assertThat(maps).hasSize(1);
            assertThat(maps.get(0).keySet()).containsExactly("id", "name");
            assertThat(maps.get(0).get("name")).isEqualTo("spongebob");
            assertThat(((Number) maps.get(0).get("id")).intValue()).isEqualTo(1);
        }
    }

    @AcrossDatabases
    void aResultCanBeReadOnlyOnce(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("select name from users"));
            result.all();

            assertThatThrownBy(result::all)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E003] This Result was already consumed or closed; a result's rows can be read"
                            + " once. Execute the statement again, or keep the list from all().");
        }
    }

    @AcrossDatabases
    void aDmlResultHasARowCountAndNoRows(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("update users set score = score + 1 where score = 20"));

            assertThat(result.returnsRows()).isFalse();
            assertThat(result.rowCount()).isEqualTo(2);
            assertThatThrownBy(result::all)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("[ATH-E003] The statement returned no rows, only a row count (2); all() applies to"
                            + " queries. Use rowCount().");
        }
    }

    @AcrossDatabases
    void streamReadsRowsLazilyAndClosesTheCursor(TestDatabase db) {
        try (Connection conn = db.engine().connect()) {
            conn.execute(Sql.text("create table numbers (n integer primary key)"));
            conn.executeMany(Sql.text("insert into numbers values (:n)"),
                    IntStream.range(0, 5000).mapToObj(n -> Map.of("n", (Object) n)).collect(Collectors.toList()));

            Result result = conn.execute(Sql.text("select n from numbers order by n"));
            List<Integer> firstTen;
            try (Stream<Row> rows = result.stream()) {
                firstTen = rows.limit(10).map(row -> row.get(0, Integer.class)).collect(Collectors.toList());
            }

            assertThat(firstTen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThatThrownBy(result::first).isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E003] This Result was already consumed or closed");
            long total = conn.execute(Sql.text("select n from numbers")).stream().count();
            assertThat(total).isEqualTo(5000);
        }
    }

    @AcrossDatabases
    void iterationClosesTheResultAfterTheLastRow(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("select id from users order by id"));
            int sum = 0;
            for (Row row : result) {
                sum += row.get(0, Integer.class);
            }

            assertThat(sum).isEqualTo(6);
            assertThatThrownBy(result::all).isInstanceOf(InvalidRequestException.class);
        }
    }

    @AcrossDatabases
    void aValueThatDoesNotFitTheRequestedTypeIsRefused(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Row row = conn.execute(Sql.text("select name, score from users where id = 1")).one();

            assertThatThrownBy(() -> row.get(0, Integer.class))
                    .isInstanceOf(ArgumentException.class)
                    .hasMessageStartingWith("[ATH-E015] Cannot convert the value 'spongebob' (java.lang.String) of"
                            + " column '");
            assertThat(row.get(1, Byte.class)).isEqualTo((byte) 10);
        }
    }

    @AcrossDatabases
    void rowsLeftUnreadWhenTheTransactionEndsAreAnErrorNotAnEmptyResult(TestDatabase db) {
        try (Connection conn = withUsers(db)) {
            Result result = conn.execute(Sql.text("select name from users order by id"));
            java.util.Iterator<Row> rows = result.iterator();
            conn.commit();

            assertThatThrownBy(rows::hasNext)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("[ATH-E003] This Result's cursor was closed when its transaction ended");
        }
    }
}
