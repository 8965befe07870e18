package io.athanor.orm.query;

import io.athanor.orm.dialect.h2.H2Dialect;
import io.athanor.orm.dialect.mariadb.MariaDbDialect;
import io.athanor.orm.dialect.postgresql.PostgresDialect;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.BoundStatement;
import io.athanor.orm.sql.CompilableStatement;
import io.athanor.orm.sql.Cte;
import io.athanor.orm.sql.EntityAlias;
import io.athanor.orm.sql.LockMode;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.Subquery;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** Compile-only: the exact SQL and parameters of each construct on each dialect. */
class SqlCompileTest {

    private static final Registry REGISTRY = Registry.of(User.class, Address.class);
    private static final Dialect H2 = new H2Dialect();
    private static final Dialect POSTGRES = new PostgresDialect();
    private static final Dialect MARIADB = new MariaDbDialect();

    private static String sql(CompilableStatement statement, Dialect dialect) {
        return statement.toSql(dialect, REGISTRY);
    }

    private static List<Object> values(CompilableStatement statement) {
        BoundStatement bound = statement.bind(POSTGRES, REGISTRY, null);
        return Arrays.asList(bound.values());
    }

    private static void same(CompilableStatement statement, String expected) {
        for (Dialect dialect : List.of(H2, POSTGRES, MARIADB)) {
            assertThat(sql(statement, dialect)).as(dialect.name()).isEqualTo(expected);
        }
    }

    @Test
    void anEntitySelectListsItsColumnsQualified() {
        same(select(User.class).where(col("name").in("spongebob", "sandy")).orderBy(col("id")),
                "SELECT user_account.id, user_account.name, user_account.fullname FROM user_account"
                        + " WHERE user_account.name IN (?, ?) ORDER BY user_account.id ASC");
        assertThat(values(select(User.class).where(col("name").in("spongebob", "sandy")))).containsExactly("spongebob", "sandy");
    }

    @Test
    void aJoinAlongTheForeignKeyInfersItsOnClause() {
        same(select(Address.class).join(User.class).where(col(User.class, "name").eq("sandy")),
                "SELECT address.id, address.email_address, address.user_id FROM address"
                        + " JOIN user_account ON address.user_id = user_account.id WHERE user_account.name = ?");
        same(select(User.class).outerJoin(Address.class),
                "SELECT user_account.id, user_account.name, user_account.fullname FROM user_account"
                        + " LEFT OUTER JOIN address ON address.user_id = user_account.id");
    }

    @Test
    void anAliasLetsATableAppearTwice() {
        EntityAlias<User> other = Sql.alias(User.class, "other");
        same(select(col(User.class, "name"), other.col("name")).join(other, col(User.class, "id").lt(other.col("id"))),
                "SELECT user_account.name, other.name FROM user_account JOIN user_account AS other"
                        + " ON user_account.id < other.id");
    }

    @Test
    void groupByAndHavingWithAggregates() {
        same(select(col(Address.class, "userId"), func.count()).groupBy(col(Address.class, "userId"))
                        .having(func.count().gt(1)),
                "SELECT address.user_id, COUNT(*) FROM address GROUP BY address.user_id HAVING COUNT(*) > ?");
        same(select(func.countDistinct(col(Address.class, "userId")), func.max(col(Address.class, "id")).as("last"))
                        .from(Address.class),
                "SELECT COUNT(DISTINCT address.user_id), MAX(address.id) AS last FROM address");
    }

    @Test
    void aSelectOfOnlyAFunctionHasNoFromClause() {
        same(select(func.count()), "SELECT COUNT(*)");
        same(select(func.count()).from(User.class), "SELECT COUNT(*) FROM user_account");
    }

    @Test
    void anEntityNamedOnlyInWhereIsSelectedFrom() {
        same(select(func.count()).where(col(User.class, "name").eq("sandy")),
                "SELECT COUNT(*) FROM user_account WHERE user_account.name = ?");
    }

    @Test
    void anEntityNamedOnlyInGroupByIsSelectedFrom() {
        same(select(func.count()).groupBy(col(User.class, "name")),
                "SELECT COUNT(*) FROM user_account GROUP BY user_account.name");
    }

    @Test
    void anEntityNamedOnlyInHavingIsSelectedFrom() {
        same(select(func.count()).having(func.max(col(Address.class, "id")).gt(1)),
                "SELECT COUNT(*) FROM address HAVING MAX(address.id) > ?");
    }

    @Test
    void anEntityNamedOnlyInOrderByIsSelectedFromAfterTheSelectedOnes() {
        same(select(col(User.class, "name")).orderBy(col(Address.class, "emailAddress")),
                "SELECT user_account.name FROM user_account, address ORDER BY address.email_address ASC");
    }

    @Test
    void anEntityOfTheEnclosingStatementInASubquerysWhereIsCorrelatedNotSelectedFrom() {
        var addressCount = select(func.count()).where(col(Address.class, "userId").eq(col(User.class, "id")))
                .scalarSubquery();
        same(select(col(User.class, "name")).where(addressCount.gt(1)),
                "SELECT user_account.name FROM user_account WHERE (SELECT COUNT(*) FROM address"
                        + " WHERE address.user_id = user_account.id) > ?");
    }

    @Test
    void limitAndOffsetArePerDialectAndBound() {
        var statement = select(User.class).orderBy(col("id").desc()).limit(5).offset(10);
        assertThat(sql(statement, POSTGRES)).endsWith(" ORDER BY user_account.id DESC LIMIT ? OFFSET ?");
        assertThat(values(statement)).containsExactly(5L, 10L);
        assertThat(sql(select(User.class).offset(3), MARIADB))
                .isEqualTo("SELECT user_account.id, user_account.name, user_account.fullname FROM user_account"
                        + " LIMIT 18446744073709551615 OFFSET ?");
    }

    @Test
    void nullsOrderingIsNativeOrEmulated() {
        var statement = select(User.class).orderBy(col("fullname").asc().nullsLast());
        assertThat(sql(statement, POSTGRES)).endsWith(" ORDER BY user_account.fullname ASC NULLS LAST");
        assertThat(sql(statement, MARIADB)).endsWith(
                " ORDER BY user_account.fullname IS NULL ASC, user_account.fullname ASC");
    }

    @Test
    void patternsAreEscapedAndCaseInsensitiveMatchingIsPerDialect() {
        var contains = select(User.class).where(col("name").contains("50%_off"));
        assertThat(sql(contains, H2)).endsWith(" WHERE user_account.name LIKE ? ESCAPE '/'");
        assertThat(values(contains)).containsExactly("%50/%/_off%");
        var ilike = select(User.class).where(col("name").ilike("SAND%"));
        assertThat(sql(ilike, POSTGRES)).endsWith(" WHERE user_account.name ILIKE ?");
        assertThat(sql(ilike, MARIADB)).endsWith(" WHERE LOWER(user_account.name) LIKE LOWER(?)");
    }

    @Test
    void andOrNotBetweenIsNullAndEmptyIn() {
        same(select(User.class).where(Sql.or(col("name").eq("sandy"), Sql.and(col("id").between(1, 2),
                        Sql.not(col("fullname").isNull()))), col("id").in(List.of())),
                "SELECT user_account.id, user_account.name, user_account.fullname FROM user_account WHERE"
                        + " (user_account.name = ? OR user_account.id BETWEEN ? AND ? AND NOT (user_account.fullname IS NULL))"
                        + " AND 1 = 0");
    }

    @Test
    void caseCastCoalesceAndArithmetic() {
        same(select(Sql.caseWhen(col(User.class, "id").lt(2), "first").otherwise("later").as("rank"),
                        func.coalesce(col(User.class, "fullname"), "?"), col(User.class, "id").times(10).plus(1)),
                "SELECT CASE WHEN user_account.id < ? THEN ? ELSE ? END AS rank,"
                        + " COALESCE(user_account.fullname, ?), user_account.id * ? + ? FROM user_account");
        assertThat(sql(select(Sql.cast(col(User.class, "id"), SqlType.string(10))), POSTGRES))
                .isEqualTo("SELECT CAST(user_account.id AS VARCHAR(10)) FROM user_account");
        assertThat(sql(select(Sql.cast(col(User.class, "id"), SqlType.string(10))), MARIADB))
                .isEqualTo("SELECT CAST(user_account.id AS CHAR(10)) FROM user_account");
    }

    @Test
    void scalarAndCorrelatedSubqueriesAndExists() {
        var addressCount = select(func.count()).from(Address.class)
                .where(col(Address.class, "userId").eq(col(User.class, "id"))).scalarSubquery();
        same(select(col(User.class, "name"), addressCount.as("addresses")),
                "SELECT user_account.name, (SELECT COUNT(*) FROM address WHERE address.user_id = user_account.id)"
                        + " AS addresses FROM user_account");
        same(select(User.class).where(Sql.exists(select(col(Address.class, "id"))
                        .where(col(Address.class, "userId").eq(col(User.class, "id"))))),
                "SELECT user_account.id, user_account.name, user_account.fullname FROM user_account WHERE EXISTS"
                        + " (SELECT address.id FROM address WHERE address.user_id = user_account.id)");
        same(select(User.class).where(col("id").in(select(col(Address.class, "userId")))),
                "SELECT user_account.id, user_account.name, user_account.fullname FROM user_account WHERE"
                        + " user_account.id IN (SELECT address.user_id FROM address)");
    }

    @Test
    void aSubqueryInFrom() {
        Subquery counts = select(col(Address.class, "userId"), func.count().as("n"))
                .groupBy(col(Address.class, "userId")).subquery("counts");
        same(select(col(User.class, "name"), counts.col("n")).join(counts, col(User.class, "id").eq(counts.col("user_id"))),
                "SELECT user_account.name, counts.n FROM user_account JOIN (SELECT address.user_id, COUNT(*) AS n FROM"
                        + " address GROUP BY address.user_id) AS counts ON user_account.id = counts.user_id");
    }

    @Test
    void unionAndUnionAll() {
        same(Sql.union(select(col(User.class, "name")).where(col(User.class, "id").eq(1)),
                        select(col(User.class, "name")).where(col(User.class, "id").eq(3))).orderBy(col("name")),
                "SELECT user_account.name FROM user_account WHERE user_account.id = ? UNION SELECT user_account.name"
                        + " FROM user_account WHERE user_account.id = ? ORDER BY name ASC");
        assertThat(sql(Sql.unionAll(select(col(User.class, "id")), select(col(Address.class, "userId"))), H2))
                .isEqualTo("SELECT user_account.id FROM user_account UNION ALL SELECT address.user_id FROM address");
    }

    @Test
    void aRecursiveCommonTableExpressionComesFirst() {
        Cte numbers = select(Sql.cast(Sql.value(1), SqlType.INTEGER).as("n")).cte("numbers");
        numbers = numbers.unionAll(select(numbers.col("n").plus(1)).from(numbers).where(numbers.col("n").lt(5)));
        assertThat(sql(select(numbers.col("n")).from(numbers), POSTGRES)).isEqualTo(
                "WITH RECURSIVE numbers (n) AS (SELECT CAST(? AS INTEGER) AS n UNION ALL SELECT numbers.n + ? FROM numbers WHERE"
                        + " numbers.n < ?) SELECT numbers.n FROM numbers");
        assertThat(sql(select(numbers.col("n")).from(numbers), MARIADB)).startsWith(
                "WITH RECURSIVE numbers (n) AS (SELECT CAST(? AS SIGNED) AS n UNION ALL");
    }

    @Test
    void forUpdateWithSkipLocked() {
        assertThat(sql(select(User.class).where(col("id").eq(1)).forUpdate(), H2)).endsWith(" FOR UPDATE");
        assertThat(sql(select(User.class).forUpdate(LockMode.SKIP_LOCKED), POSTGRES)).endsWith(" FOR UPDATE SKIP LOCKED");
        assertThat(sql(select(User.class).forUpdate(LockMode.NOWAIT), MARIADB)).endsWith(" FOR UPDATE NOWAIT");
    }

    @Test
    void insertUpdateDeleteAndReturning() {
        same(Sql.insert(User.class).values("name", "ed").values("fullname", "Ed Jones"),
                "INSERT INTO user_account (name, fullname) VALUES (?, ?)");
        same(Sql.insert(User.class).values(List.of(Map.of("name", "a"), Map.of("name", "b"))),
                "INSERT INTO user_account (name) VALUES (?), (?)");
        same(Sql.insert(Address.class).fromSelect(List.of("emailAddress", "userId"),
                        select(Sql.func.concat(col(User.class, "name"), "@example.com"), col(User.class, "id"))),
                "INSERT INTO address (email_address, user_id) SELECT CONCAT(user_account.name, ?), user_account.id"
                        + " FROM user_account");
        same(Sql.update(User.class).where(col("name").eq("sandy")).values("fullname", "Sandy Squirrel"),
                "UPDATE user_account SET fullname = ? WHERE name = ?");
        same(Sql.delete(Address.class).where(col("userId").eq(2)), "DELETE FROM address WHERE user_id = ?");
        assertThat(sql(Sql.update(User.class).values("name", "x").returning(col("id")), POSTGRES))
                .isEqualTo("UPDATE user_account SET name = ? RETURNING id");
        assertThat(sql(Sql.delete(User.class).returning(col("id")), MARIADB))
                .isEqualTo("DELETE FROM user_account RETURNING id");
    }

    @Test
    void reservedWordsAreQuotedPerDialect() {
        EntityAlias<User> order = Sql.alias(User.class, "order");
        assertThat(sql(select(order.col("name")).from(order), POSTGRES))
                .isEqualTo("SELECT \"order\".name FROM user_account AS \"order\"");
        assertThat(sql(select(order.col("name")).from(order), MARIADB))
                .isEqualTo("SELECT `order`.name FROM user_account AS `order`");
    }

    @Test
    void aValueNeverEntersTheSqlText() {
        var statement = select(User.class).where(col("name").eq("x' or '1'='1"));
        assertThat(sql(statement, H2)).doesNotContain("'1'").endsWith("WHERE user_account.name = ?");
        assertThat(values(statement)).containsExactly("x' or '1'='1");
    }

    private static boolean readsOnly(CompilableStatement statement) {
        return statement.bind(POSTGRES, REGISTRY, null).compiled().sql().readsOnly();
    }

    @Test
    void aSelectOfEntitiesOrColumnsIsAPlainRead() {
        assertThat(readsOnly(select(User.class).where(col("name").eq("sandy")))).isTrue();
        assertThat(readsOnly(select(col(User.class, "name"), Sql.func.count()).groupBy(col(User.class, "name"))))
                .isTrue();
    }

    @Test
    void aUnionOfSelectsIsAPlainRead() {
        assertThat(readsOnly(Sql.union(select(col(User.class, "name")), select(col(Address.class, "emailAddress")))))
                .isTrue();
    }

    @Test
    void aLockingSelectIsNotAPlainRead() {
        assertThat(readsOnly(select(User.class).where(col("id").eq(1)).forUpdate())).isFalse();
    }

    @Test
    void aSelectOfTheTransactionsClockIsNotAPlainRead() {
        assertThat(readsOnly(select(Sql.func.currentTimestamp()).from(User.class))).isFalse();
        assertThat(readsOnly(select(User.class).where(col("id").eq(1))
                .where(Sql.func.currentDate().isNotNull()))).isFalse();
    }

    @Test
    void writesAreNotPlainReads() {
        assertThat(readsOnly(Sql.update(User.class).values(Map.of("name", "x")))).isFalse();
        assertThat(readsOnly(Sql.delete(User.class).where(col("id").eq(1)))).isFalse();
    }
}
