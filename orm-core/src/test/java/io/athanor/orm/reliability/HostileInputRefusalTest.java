package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.session.Session;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One example of each value a database used to alter silently, and of each refusal, with its exact
 * message: what {@link HostileInputRoundTripTest} checks over generated values, shown here on values
 * chosen by hand. Each comment says what the database did with the value before Athanor checked it.
 */
class HostileInputRefusalTest {

    /** Flushes a new row holding {@code value} and returns the refusal, checking that nothing was written. */
    private static ArgumentException refusal(EdgeStore store, String attribute, Object value) {
        EdgeValues row = store.newRow(attribute, value);
        int writesBefore = store.writes();
        ArgumentException refused;
        try (Session session = store.sessions().openSession()) {
            session.add(row);
            refused = org.assertj.core.api.Assertions.catchThrowableOfType(ArgumentException.class, session::commit);
        }
        assertThat(refused).as("the flush of %s", EdgeProperty.show(value)).isNotNull();
        assertThat(store.writes()).as("statements written").isEqualTo(writesBefore);
        assertThat(store.rows(row.getId())).isZero();
        return refused;
    }

    // ------------------------------------------------------------------ text

    @AcrossDatabases
    void aStringLongerThanItsColumnIsRefusedNamingTheAttributeAndTheLimit(TestDatabase db) {
        // MariaDB without STRICT_TRANS_TABLES in sql_mode would have kept the first 40 characters.
        assertThat(refusal(EdgeStore.on(db), "label", "x".repeat(41))).hasMessage("[ATH-E105] EdgeValues.label is 41"
                + " characters long, but its column edge_values.label (STRING(40)) holds at most 40: the value was not"
                + " written. Shorten it, or widen the column (@Column(length = ..) or type = TEXT).");
    }

    @AcrossDatabases
    void anEmojiCountsAsOneCharacterExceptOnH2(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        String emoji = "\ud83d\ude00".repeat(21);

        if (db.kind() == DatabaseKind.H2) {
            assertThat(refusal(store, "label", emoji)).hasMessage("[ATH-E105] EdgeValues.label is 42 characters long"
                    + " as h2 counts them (UTF-16 code units: a character outside the Basic Multilingual Plane, such as"
                    + " an emoji, counts as 2), but its column edge_values.label (STRING(40)) holds at most 40: the value"
                    + " was not written. Shorten it, or widen the column (@Column(length = ..) or type = TEXT).");
        } else {
            assertThat(store.read(store.insert("label", emoji), "label")).isEqualTo(emoji);
        }
    }

    @AcrossDatabases
    void nulIsStoredWhereTheDatabaseAllowsItAndRefusedOnPostgresql(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        if (db.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(refusal(store, "notes", "a\0b")).hasMessage("[ATH-E106] EdgeValues.notes contains the NUL"
                    + " character (U+0000) at index 1, which postgresql cannot store in text: the value was not written."
                    + " Remove it, or map the field as byte[] if it holds binary data.");
        } else {
            assertThat(store.read(store.insert("notes", "a\0b"), "notes")).isEqualTo("a\0b");
        }
    }

    @AcrossDatabases
    void anUnpairedSurrogateIsRefusedOnEveryDatabase(TestDatabase db) {
        // PostgreSQL and MariaDB stored "a?b": the driver encodes an unpaired surrogate as '?'.
        assertThat(refusal(EdgeStore.on(db), "label", "a\ud83db")).hasMessage("[ATH-E106] EdgeValues.label contains"
                + " an unpaired surrogate (U+D83D) at index 1: it is not valid Unicode, and a database that stores"
                + " UTF-8 would keep '?' instead. The value was not written. Repair the text (it was probably cut in"
                + " the middle of a character such as an emoji).");
    }

    // ------------------------------------------------------------------ numbers

    @AcrossDatabases
    void aDecimalWithMoreDecimalPlacesThanItsScaleIsRefusedRatherThanRounded(TestDatabase db) {
        // All three databases stored 1.005 in a NUMERIC(12, 2) as 1.01.
        assertThat(refusal(EdgeStore.on(db), "price", new BigDecimal("1.005"))).hasMessage("[ATH-E108]"
                + " EdgeValues.price has 3 digits after the decimal point, but its column edge_values.price"
                + " (NUMERIC(12, 2)) keeps 2, so the database would round it: the value was not written. Round it"
                + " yourself (setScale(2, RoundingMode...)) or widen the column's scale.");
    }

    @AcrossDatabases
    void aDecimalWithTooManyDigitsBeforeThePointIsRefused(TestDatabase db) {
        // 38 digits in the default NUMERIC(38, 10), which holds 28 before the point.
        assertThat(refusal(EdgeStore.on(db), "amount", new BigDecimal("9".repeat(38)))).hasMessage("[ATH-E107]"
                + " EdgeValues.amount has 38 digits before the decimal point, but its column edge_values.amount"
                + " (NUMERIC(38, 10)) holds 28: the value was not written. Widen the column (@Column(precision = ..))"
                + " or check the value.");
    }

    @AcrossDatabases
    void anIntegerOutsideItsColumnsRangeIsRefused(TestDatabase db) {
        // MariaDB without strict mode would have stored 32767.
        assertThat(refusal(EdgeStore.on(db), "smallCount", 100_000)).hasMessage("[ATH-E107] EdgeValues.smallCount is"
                + " outside the range of its column edge_values.smallCount (SMALL_INTEGER), -32768 to 32767: the value"
                + " was not written. Use a wider column type (@Column(type = ColumnType.BIG_INTEGER) or NUMERIC) or"
                + " check the value.");
    }

    @AcrossDatabases
    void aDoubleThatItsFloatColumnCannotHoldExactlyIsRefused(TestDatabase db) {
        // All three databases gave 0.1 back as 0.10000000149011612.
        assertThat(refusal(EdgeStore.on(db), "narrowRatio", 0.1)).hasMessage("[ATH-E108] EdgeValues.narrowRatio is a"
                + " double that its column edge_values.narrowRatio (FLOAT), a single-precision float, cannot hold"
                + " exactly: the database would round it to about 7 significant digits. The value was not written. Map"
                + " the column as DOUBLE, or the field as Float.");
    }

    @AcrossDatabases
    void aDoubleTooSmallForItsDecimalColumnIsRefusedRatherThanStoredAsZero(TestDatabase db) {
        // All three databases stored 1e-20 in a NUMERIC(20, 6) as 0.
        assertThat(refusal(EdgeStore.on(db), "measured", 1e-20).code()).isEqualTo("ATH-E108");
    }

    @AcrossDatabases
    void aFloatKeepsEveryDigit(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        // MariaDB sent a FLOAT column's 3.1415927 back as 3.14159; its FLOAT columns are now DOUBLE.
        assertThat(store.read(store.insert("weight", 3.1415927f), "weight")).isEqualTo(3.1415927f);
    }

    @AcrossDatabases
    void nanIsStoredWhereTheDatabaseHasItAndRefusedOnMariadb(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        if (db.kind() == DatabaseKind.MARIADB) {
            // MariaDB's driver wrote NaN into the SQL text, and the server answered "Unknown column 'NaN'".
            assertThat(refusal(store, "ratio", Double.NaN)).hasMessage("[ATH-E109] EdgeValues.ratio is NaN, which"
                    + " mariadb cannot store in a floating-point column: the value was not written. Store NULL for"
                    + " \"no value\", or check the computation that produced it.");
        } else {
            assertThat(store.read(store.insert("ratio", Double.NaN), "ratio")).isEqualTo(Double.NaN);
        }
    }

    @AcrossDatabases
    void negativeZeroIsStoredOnPostgresqlAndRefusedWhereItWouldBecomeZero(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);

        if (db.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(store.read(store.insert("ratio", -0.0), "ratio")).isEqualTo(-0.0);
        } else {
            // H2 and MariaDB gave -0.0 back as 0.0.
            assertThat(refusal(store, "ratio", -0.0)).hasMessage("[ATH-E109] EdgeValues.ratio is -0.0 (negative zero),"
                    + " which " + db.label() + " stores as 0.0: the value was not written. Add 0.0 to it (-0.0 + 0.0 is"
                    + " 0.0) if the sign of zero does not matter.");
        }
    }

    // ------------------------------------------------------------------ dates and times

    @AcrossDatabases
    void nanosecondsAreCutToMicrosecondsOnEveryDatabaseRatherThanRoundedIntoTheNextSecond(TestDatabase db) {
        // PostgreSQL stored 2024-01-01T00:00:00.999999999 as 2024-01-01T00:00:01, MariaDB as ...00.999999.
        EdgeStore store = EdgeStore.on(db);

        long id = store.insert("moment", LocalDateTime.of(2024, 1, 1, 0, 0, 0, 999_999_999));

        assertThat(store.read(id, "moment")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 999_999_000));
    }

    @AcrossDatabases
    void aTimeOfDayKeepsItsMicroseconds(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalTime time = LocalTime.of(6, 30, 15, 123_456_000);

        // H2's TIME dropped the fraction (06:30:15); its TIME columns are now TIME(6).
        assertThat(store.read(store.insert("clock", time), "clock")).isEqualTo(time);
    }

    @AcrossDatabases
    void aDateBeforeYearOneIsStoredOnlyOnH2(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalDate yearZero = LocalDate.of(0, 12, 31);

        if (db.kind() == DatabaseKind.H2) {
            assertThat(store.read(store.insert("day", yearZero), "day")).isEqualTo(yearZero);
        } else {
            String range = db.kind() == DatabaseKind.POSTGRESQL ? "0001-01-01 to +5874897-12-31" : "0001-01-01 to 9999-12-31";
            assertThat(refusal(store, "day", yearZero)).hasMessage("[ATH-E110] EdgeValues.day is in the year 0, outside"
                    + " what its column edge_values.day (DATE) stores exactly on " + db.label() + " (" + range + "): the"
                    + " value was not written. Check the value; a date that stands for \"unknown\" or \"for ever\" is"
                    + " better stored as NULL.");
        }
    }

    @AcrossDatabases
    void aTimestampBeforeYearOneIsNotShiftedByAnEra(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalDateTime bc = LocalDateTime.of(-4712, 1, 1, 0, 0);

        // MariaDB's driver stored it as 4713-01-01T00:00 (year of era, no era).
        if (db.kind() == DatabaseKind.H2) {
            assertThat(store.read(store.insert("moment", bc), "moment")).isEqualTo(bc);
        } else {
            assertThat(refusal(store, "moment", bc).code()).isEqualTo("ATH-E110");
        }
    }

    @AcrossDatabases
    void aTimestampInADaylightSavingGapOfTheJvmsZoneComesBackUnchanged(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        LocalDateTime gap = LocalDateTime.of(2024, 3, 31, 2, 30);
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            // MariaDB's driver gave it back as 03:30: it placed the value in the JVM's zone, where 02:30 does not exist.
            assertThat(store.read(store.insert("moment", gap), "moment")).isEqualTo(gap);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @AcrossDatabases
    void anOffsetOfEighteenHoursKeepsItsInstant(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        OffsetDateTime farEast = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(18));

        // PostgreSQL refused it ("time zone displacement out of range"): it is now sent at UTC.
        OffsetDateTime back = (OffsetDateTime) store.read(store.insert("zoned", farEast), "zoned");

        assertThat(back.toInstant()).isEqualTo(farEast.toInstant());
    }

    // ------------------------------------------------------------------ other types and whole flushes

    @AcrossDatabases
    void aUuidThatMariadbsUuidTypeRefusesIsRefusedBeforeWriting(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        UUID reserved = UUID.fromString("00000000-0000-8002-8000-000000000001");

        if (db.kind() == DatabaseKind.MARIADB) {
            assertThat(refusal(store, "token", reserved)).hasMessage("[ATH-E110] EdgeValues.token is a UUID that the"
                    + " UUID column edge_values.token (UUID) of mariadb refuses (its 7th byte is 80-ff and its 9th byte"
                    + " 01-80, a pattern mariadb reserves for the UUIDs it stores reordered): the value was not written."
                    + " Use a standard UUID (UUID.randomUUID() always fits), or map the field to a VARCHAR(36) column"
                    + " (@Column(type = ColumnType.STRING, length = 36)).");
        } else {
            assertThat(store.read(store.insert("token", reserved), "token")).isEqualTo(reserved);
        }
    }

    @AcrossDatabases
    void oneRefusedValueKeepsTheWholeFlushFromWriting(TestDatabase db) {
        EdgeStore store = EdgeStore.on(db);
        long existing = store.insert("label", "before");
        int writesBefore = store.writes();

        try (Session session = store.sessions().openSession()) {
            store.set(session.get(EdgeValues.class, existing), "label", "after");
            session.add(store.newRow("label", "fits"));
            session.add(store.newRow("price", new BigDecimal("0.001")));

            assertThatThrownBy(session::commit).isInstanceOf(ArgumentException.class)
                    .hasMessageStartingWith("[ATH-E108] EdgeValues.price has 3 digits after the decimal point");
        }

        // Neither the UPDATE of the loaded row nor the INSERT of the valid new one was sent.
        assertThat(store.writes()).isEqualTo(writesBefore);
        assertThat(store.rows()).isEqualTo(1);
        assertThat(store.read(existing, "label")).isEqualTo("before");
    }
}
