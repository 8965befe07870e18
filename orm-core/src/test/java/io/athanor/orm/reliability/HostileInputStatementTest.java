package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.session.Session;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The values that INSERT and UPDATE statements of mapped classes write through a session get the same
 * checks as a flush: a bulk INSERT of many rows, a single-row INSERT and a bulk UPDATE refuse a value the
 * database would truncate or round, naming the attribute, before anything is sent.
 */
class HostileInputStatementTest {

    private static final String PRICE_REFUSED = "[ATH-E108] EdgeValues.price has 3 digits after the decimal point,"
            + " but its column edge_values.price (NUMERIC(12, 2)) keeps 2, so the database would round it: the value"
            + " was not written. Round it yourself (setScale(2, RoundingMode...)) or widen the column's scale.";

    @AcrossDatabases
    void aBulkInsertWithOneValueTooLongForItsColumnWritesNoRow(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        List<Map<String, ?>> rows = List.of(Map.of("id", 1L, "label", "fits"), Map.of("id", 2L, "label", "x".repeat(41)));

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class,
                    () -> session.execute(Sql.insert(EdgeValues.class), rows));
            session.commit();
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith("[ATH-E105] EdgeValues.label is 41 characters long, but its"
                + " column edge_values.label (STRING(40)) holds at most 40: the value was not written.");
        assertThat(store.writes()).as("statements written").isZero();
        assertThat(store.rows()).isZero();
    }

    @AcrossDatabases
    void aSingleRowInsertWithADecimalBeyondItsScaleIsRefusedRatherThanRounded(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(
                    Sql.insert(EdgeValues.class).values(Map.of("id", 1L, "price", new BigDecimal("1.005")))));
        }

        assertThat(refused).hasMessage(PRICE_REFUSED);
        assertThat(store.writes()).isZero();
        assertThat(store.rows()).isZero();
    }

    @AcrossDatabases
    void aBulkUpdateWithADecimalBeyondItsScaleIsRefusedAndTheRowKeepsItsValue(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        long id = store.insert("price", new BigDecimal("2.50"));
        int writesBefore = store.writes();

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.update(EdgeValues.class)
                    .values("price", new BigDecimal("1.005")).where(Sql.col("id").eq(id))));
        }

        assertThat(refused).hasMessage(PRICE_REFUSED);
        assertThat(store.writes()).isEqualTo(writesBefore);
        assertThat(store.read(id, "price")).isEqualTo(new BigDecimal("2.50"));
    }

    @AcrossDatabases
    void aDoubleGivenForADecimalAttributeIsCheckedAgainstTheColumnsScale(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        long id = store.insert("price", new BigDecimal("2.50"));

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.update(EdgeValues.class)
                    .values("price", 1.005).where(Sql.col("id").eq(id))));
        }

        assertThat(refused).hasMessage(PRICE_REFUSED);
        assertThat(store.read(id, "price")).isEqualTo(new BigDecimal("2.50"));
    }

    @AcrossDatabases
    void aFractionGivenForAnIntegerAttributeIsRefusedRatherThanRounded(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.insert(EdgeValues.class),
                    List.of(Map.of("id", 1L, "counter", 0L, "count", 1.5))));
        }

        assertThat(refused).hasMessage("[ATH-E108] EdgeValues.count is given a number with a fraction, but its column"
                + " edge_values.count (INTEGER) holds whole numbers, so the database would round it: the value was not"
                + " written. Round it yourself, or give a whole number.");
        assertThat(store.rows()).isZero();
    }

    @AcrossDatabases
    void decimalsWithHugeExponentsGivenForAnIntegerAttributeAreRefusedWithoutExpandingThem(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        try (Session session = store.sessions().openSession()) {
            // Rescaled, either would take a billion digits.
            assertThat(catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.insert(EdgeValues.class),
                    List.of(Map.of("id", 1L, "counter", 0L, "count", new BigDecimal("1E+999999999"))))))
                    .hasMessageStartingWith("[ATH-E107] EdgeValues.count is outside the range of its column");
            assertThat(catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.insert(EdgeValues.class),
                    List.of(Map.of("id", 1L, "counter", 0L, "count", new BigDecimal("1E-999999999"))))))
                    .hasMessageStartingWith("[ATH-E108] EdgeValues.count is given a number with a fraction");
        }
        assertThat(store.rows()).isZero();
    }

    @AcrossDatabases
    void aBulkInsertOfNanosecondsWritesThemCutToMicroseconds(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalDateTime withNanos = LocalDateTime.of(2026, 11, 25, 12, 0, 0, 123_456_789);

        try (Session session = store.sessions().openSession()) {
            session.execute(Sql.insert(EdgeValues.class), List.of(Map.of("id", 1L, "moment", withNanos,
                    "counter", 0L, "plainOctet", (byte) 0, "plainTiny", (short) 0, "plainCount", 0, "plainRatio", 0.0,
                    "plainWeight", 0.0f, "plainFlag", false)));
            session.commit();
        }

        assertThat(store.read(1L, "moment")).isEqualTo(LocalDateTime.of(2026, 11, 25, 12, 0, 0, 123_456_000));
    }

    @AcrossDatabases
    void valuesThatFitAreWrittenByABulkInsertUnchanged(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalDateTime micros = LocalDateTime.of(2026, 11, 25, 12, 0, 0, 123_456_000);

        Map<String, Object> row = new java.util.HashMap<>(Map.of("id", 1L, "price", new BigDecimal("1.01"),
                "moment", micros, "label", "x".repeat(40)));
        // The NOT NULL columns of primitive fields.
        row.putAll(Map.of("counter", 0L, "plainOctet", (byte) 0, "plainTiny", (short) 0, "plainCount", 0,
                "plainRatio", 0.0, "plainWeight", 0.0f, "plainFlag", false));
        try (Session session = store.sessions().openSession()) {
            session.execute(Sql.insert(EdgeValues.class), List.of(row));
            session.commit();
        }

        assertThat(store.read(1L, "price")).isEqualTo(new BigDecimal("1.01"));
        assertThat(store.read(1L, "moment")).isEqualTo(micros);
        assertThat(store.read(1L, "label")).isEqualTo("x".repeat(40));
    }

    @AcrossDatabases
    void aBulkInsertNamingAnUnknownAttributeIsRefusedListingTheKnownOnes(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(Sql.insert(EdgeValues.class),
                    List.of(Map.of("id", 1L, "lable", "typo"))));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith("[ATH-E053] EdgeValues has no mapped attribute 'lable'; its"
                + " attributes are [id, label, ");
        assertThat(store.writes()).isZero();
    }
}
