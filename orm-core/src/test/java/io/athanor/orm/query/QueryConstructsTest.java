package io.athanor.orm.query;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Row;
import io.athanor.orm.session.Session;
import io.athanor.orm.sql.Cte;
import io.athanor.orm.sql.EntityAlias;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.Subquery;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;
import java.util.stream.Collectors;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every construct of the expression language, run on each database with the Quick Start data. */
class QueryConstructsTest {

    private static List<String> names(List<User> users) {
        return users.stream().map(User::getName).collect(Collectors.toList());
    }

    @AcrossDatabases
    void comparisonsAndCombinations(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThat(names(session.scalars(select(User.class).where(col("id").ge(2)).orderBy(col("id"))).all()))
                    .containsExactly("sandy", "patrick");
            assertThat(names(session.scalars(select(User.class).where(Sql.or(col("name").eq("patrick"),
                    Sql.and(col("id").lt(2), Sql.not(col("fullname").isNull())))).orderBy(col("id"))).all()))
                    .containsExactly("spongebob", "patrick");
            assertThat(names(session.scalars(select(User.class).where(col("id").between(2, 3), col("name").ne("sandy")))
                    .all())).containsExactly("patrick");
            assertThat(session.scalars(select(User.class).where(col("id").in(List.of()))).all()).isEmpty();
            assertThat(session.scalars(select(User.class).where(col("id").notIn(List.of()))).all()).hasSize(3);
        }
    }

    @AcrossDatabases
    void patternMatching(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            session.add(new User("50%_off", "Percent Sale"));
            assertThat(names(session.scalars(select(User.class).where(col("name").like("s%")).orderBy(col("id"))).all()))
                    .containsExactly("spongebob", "sandy");
            assertThat(names(session.scalars(select(User.class).where(col("fullname").ilike("%STAR")))
                    .all())).containsExactly("patrick");
            assertThat(names(session.scalars(select(User.class).where(col("name").contains("%_")))
                    .all())).containsExactly("50%_off");
            assertThat(names(session.scalars(select(User.class).where(col("name").startsWith("san"))).all()))
                    .containsExactly("sandy");
            assertThat(names(session.scalars(select(User.class).where(col("fullname").endsWith("Cheeks"))).all()))
                    .containsExactly("sandy");
        }
    }

    @AcrossDatabases
    void countWithoutFromCountsTheOneRowOfASelectWithoutFrom(TestDatabase db) {
        try (Session session = QuickStartData.open(db); SqlRecorder sql = new SqlRecorder()) {
            assertThat(session.execute(select(func.count())).scalar(Long.class)).isEqualTo(1L);
            assertThat(session.scalars(select(func.count()).from(User.class)).one()).isEqualTo(3L);
            assertThat(sql.statements()).containsExactly("SELECT COUNT(*)", "SELECT COUNT(*) FROM user_account");
        }
    }

    @AcrossDatabases
    void anEntityNamedOnlyInGroupByAndOrderByIsSelectedFrom(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            List<Row> rows = session.execute(select(func.count()).groupBy(col(Address.class, "userId"))
                    .orderBy(col(Address.class, "userId"))).all();
            assertThat(rows.stream().map(row -> row.get(0, Long.class))).containsExactly(1L, 2L);
        }
    }

    @AcrossDatabases
    void aCountWhereOnlyTheCriteriaNameTheEntityCountsItsRows(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThat(session.execute(select(func.count()).where(col(User.class, "name").startsWith("s")))
                    .scalar(Long.class)).isEqualTo(2L);
        }
    }

    @AcrossDatabases
    void aggregatesGroupByHavingAndOrdering(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            List<Row> rows = session.execute(select(col(Address.class, "userId"), func.count().as("n"))
                    .groupBy(col(Address.class, "userId")).having(func.count().gt(1))).all();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(0, Long.class)).isEqualTo(2L);
            assertThat(rows.get(0).get("n", Long.class)).isEqualTo(2L);

            Row stats = session.execute(select(func.count(), func.countDistinct(col(Address.class, "userId")),
                    func.min(col(Address.class, "id")), func.max(col(Address.class, "id")),
                    func.sum(col(Address.class, "id")), func.avg(col(Address.class, "id")))).one();
            assertThat(stats.get(0, Long.class)).isEqualTo(3L);
            assertThat(stats.get(1, Long.class)).isEqualTo(2L);
            assertThat(stats.get(2, Long.class)).isEqualTo(1L);
            assertThat(stats.get(3, Long.class)).isEqualTo(3L);
            assertThat(stats.get(4, Long.class)).isEqualTo(6L);
            assertThat(stats.get(5, java.math.BigDecimal.class)).isEqualByComparingTo("2");
        }
    }

    @AcrossDatabases
    void distinctLimitOffsetAndNullsOrdering(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            session.add(new User("nobody", null));
            assertThat(session.execute(select(col(Address.class, "userId")).distinct()
                    .orderBy(col(Address.class, "userId"))).scalars(Long.class).all()).containsExactly(1L, 2L);
            assertThat(names(session.scalars(select(User.class).orderBy(col("id")).limit(2).offset(1)).all()))
                    .containsExactly("sandy", "patrick");
            assertThat(names(session.scalars(select(User.class).orderBy(col("id")).offset(3)).all()))
                    .containsExactly("nobody");
            assertThat(names(session.scalars(select(User.class).orderBy(col("fullname").asc().nullsFirst())).all()))
                    .first().isEqualTo("nobody");
            assertThat(names(session.scalars(select(User.class).orderBy(col("fullname").desc().nullsLast())).all()))
                    .last().isEqualTo("nobody");
        }
    }

    @AcrossDatabases
    void joinsOuterJoinsAndAliases(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            List<Row> rows = session.execute(select(col(User.class, "name"), col(Address.class, "emailAddress"))
                    .outerJoin(Address.class).orderBy(col(User.class, "id"), col(Address.class, "id"))).all();
            assertThat(rows.stream().map(row -> row.get(0) + ":" + row.get(1)).collect(Collectors.toList()))
                    .containsExactly("spongebob:spongebob@sqlalchemy.org", "sandy:sandy@sqlalchemy.org",
                            "sandy:sandy@squirrelpower.org", "patrick:null");

            EntityAlias<Address> other = Sql.alias(Address.class, "other");
            List<Row> pairs = session.execute(select(col(Address.class, "emailAddress"), other.col("emailAddress"))
                    .join(other, Sql.and(col(Address.class, "userId").eq(other.col("userId")),
                            col(Address.class, "id").lt(other.col("id"))))).all();
            assertThat(pairs).hasSize(1);
            assertThat(pairs.get(0).values()).containsExactly("sandy@sqlalchemy.org", "sandy@squirrelpower.org");
        }
    }

    @AcrossDatabases
    void entitiesAndColumnsInOneRow(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.get(User.class, 2L);
            List<Row> rows = session.execute(select(User.class, col(Address.class, "emailAddress")).join(Address.class)
                    .where(col(User.class, "name").eq("sandy")).orderBy(col(Address.class, "id"))).all();

            assertThat(rows).hasSize(2);
            assertThat((Object) rows.get(0).get(0)).isSameAs(sandy);
            assertThat((Object) rows.get(1).get("User")).isSameAs(sandy);
            assertThat(rows.get(1).get(1, String.class)).isEqualTo("sandy@squirrelpower.org");
        }
    }

    @AcrossDatabases
    void subqueriesCorrelatedSubqueriesAndExists(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            var addressCount = select(func.count()).from(Address.class)
                    .where(col(Address.class, "userId").eq(col(User.class, "id"))).scalarSubquery();
            List<Row> counts = session.execute(select(col(User.class, "name"), addressCount.as("addresses"))
                    .orderBy(col(User.class, "id"))).all();
            assertThat(counts.stream().map(row -> row.get(0) + "=" + row.get(1, Long.class)).collect(Collectors.toList()))
                    .containsExactly("spongebob=1", "sandy=2", "patrick=0");

            assertThat(names(session.scalars(select(User.class).where(Sql.not(Sql.exists(select(col(Address.class, "id"))
                    .where(col(Address.class, "userId").eq(col(User.class, "id"))))))).all())).containsExactly("patrick");
            assertThat(names(session.scalars(select(User.class).where(col("id").in(select(col(Address.class, "userId"))
                    .where(col(Address.class, "emailAddress").endsWith("squirrelpower.org"))))).all()))
                    .containsExactly("sandy");

            Subquery perUser = select(col(Address.class, "userId"), func.count().as("n"))
                    .groupBy(col(Address.class, "userId")).subquery("per_user");
            assertThat(session.execute(select(col(User.class, "name"))
                    .join(perUser, col(User.class, "id").eq(perUser.col("user_id"))).where(perUser.col("n").eq(2)))
                    .scalars(String.class).all()).containsExactly("sandy");
        }
    }

    @AcrossDatabases
    void unionAndUnionAll(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            var first = select(col(User.class, "name")).where(col(User.class, "id").le(2));
            var second = select(col(User.class, "name")).where(col(User.class, "id").ge(2));
            assertThat(session.execute(Sql.union(first, second).orderBy(col("name"))).scalars(String.class).all())
                    .containsExactly("patrick", "sandy", "spongebob");
            assertThat(session.execute(Sql.unionAll(first, second)).scalars(String.class).all()).hasSize(4);
        }
    }

    @AcrossDatabases
    void aRecursiveCommonTableExpression(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            Cte numbers = select(Sql.cast(Sql.value(1), SqlType.INTEGER).as("n")).cte("numbers");
            numbers = numbers.unionAll(select(numbers.col("n").plus(1)).from(numbers).where(numbers.col("n").lt(5)));

            assertThat(session.execute(select(numbers.col("n")).from(numbers).orderBy(numbers.col("n")))
                    .scalars(Integer.class).all()).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @AcrossDatabases
    void caseCastCoalesceAndFunctions(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            session.add(new User("nobody", null));
            List<Row> rows = session.execute(select(
                    Sql.caseWhen(col(User.class, "id").eq(1), "first").when(col(User.class, "id").eq(2), "second")
                            .otherwise("other").as("position"),
                    func.coalesce(col(User.class, "fullname"), "(none)"),
                    func.upper(col(User.class, "name")),
                    func.length(col(User.class, "name")),
                    Sql.cast(col(User.class, "id"), SqlType.string(10)),
                    col(User.class, "id").times(10).plus(1),
                    func.concat(col(User.class, "name"), "!"))
                    .orderBy(col(User.class, "id"))).all();

            Row first = rows.get(0);
            assertThat(List.of(first.get(0, String.class), first.get(1, String.class), first.get(2, String.class),
                    first.get(4, String.class), first.get(6, String.class)))
                    .containsExactly("first", "Spongebob Squarepants", "SPONGEBOB", "1", "spongebob!");
            assertThat(first.get(3, Integer.class)).isEqualTo(9);
            assertThat(first.get(5, Long.class)).isEqualTo(11L);
            assertThat(rows.get(3).get(0, String.class)).isEqualTo("other");
            assertThat(rows.get(3).get(1, String.class)).isEqualTo("(none)");
        }
    }

    @AcrossDatabases
    void anUnknownAttributeListsTheEntitysAttributes(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThatThrownBy(() -> session.scalars(select(User.class).where(col("email").eq("x"))).all())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessage("[ATH-E053] User has no mapped attribute 'email'; its attributes are [id, name, fullname].");
        }
    }

    @AcrossDatabases
    void aHostileValueMatchesNothing(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThat(session.scalars(select(User.class).where(col("name").eq("x' or '1'='1"))).all()).isEmpty();
            assertThat(session.scalars(select(User.class).where(col("name").like("x' or name like '%"))).all()).isEmpty();
        }
    }

    @AcrossDatabases
    void forUpdateLocksTheSelectedRows(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.scalars(select(User.class).where(col("name").eq("sandy")).forUpdate()).one();
            assertThat(sandy.getName()).isEqualTo("sandy");
        }
    }
}
