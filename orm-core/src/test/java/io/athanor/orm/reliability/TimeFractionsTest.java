package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.ExcessFractions;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code Instant.now()} and its kind carry nanoseconds, and every supported database keeps microseconds:
 * by default the value is written cut to microseconds and a flush gives the object's field that value, so
 * that the object equals its row. A column or a registry set to {@link ExcessFractions#REFUSE} refuses
 * the value instead (ATH-E111).
 */
class TimeFractionsTest {

    private static final LocalDateTime NANOS = LocalDateTime.of(2026, 3, 14, 9, 26, 53, 589_793_238);
    private static final LocalDateTime MICROS = LocalDateTime.of(2026, 3, 14, 9, 26, 53, 589_793_000);

    private static SessionFactory sessions(TestDatabase db, Registry registry) {
        Engine engine = db.engine();
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    private static SessionFactory sessions(TestDatabase db) {
        return sessions(db, Registry.of(Appointment.class));
    }

    private static Appointment load(SessionFactory sessions, long id) {
        try (Session session = sessions.openSession()) {
            return session.get(Appointment.class, id);
        }
    }

    private static long rows(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.select(Sql.func.count()).from(Appointment.class)).scalar(Long.class);
        }
    }

    @AcrossDatabases
    void aFlushWritesEveryTimeTypeCutToMicrosecondsAndGivesTheFieldsWhatWasStored(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Appointment appointment = new Appointment(1);
        appointment.created = NANOS.toInstant(ZoneOffset.UTC);
        appointment.scheduled = NANOS;
        appointment.confirmed = NANOS.atOffset(ZoneOffset.UTC);
        appointment.arrival = NANOS.toLocalTime();

        try (Session session = sessions.openSession()) {
            session.add(appointment);
            session.commit();
        }

        assertThat(appointment.created).isEqualTo(MICROS.toInstant(ZoneOffset.UTC));
        assertThat(appointment.scheduled).isEqualTo(MICROS);
        assertThat(appointment.confirmed).isEqualTo(MICROS.atOffset(ZoneOffset.UTC));
        assertThat(appointment.arrival).isEqualTo(MICROS.toLocalTime());
        Appointment row = load(sessions, 1);
        assertThat(row.created).isEqualTo(appointment.created);
        assertThat(row.scheduled).isEqualTo(appointment.scheduled);
        assertThat(row.confirmed).isEqualTo(appointment.confirmed);
        assertThat(row.arrival).isEqualTo(appointment.arrival);
    }

    @AcrossDatabases
    void aTimeIsCutTowardsThePastSoThatItNeverMovesIntoTheNextDay(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Appointment appointment = new Appointment(1);
        appointment.scheduled = LocalDateTime.of(2025, 12, 31, 23, 59, 59, 999_999_999);
        // One nanosecond before the epoch: cut to the microsecond before it, as the same instant in UTC is.
        appointment.created = Instant.ofEpochSecond(-1, 999_999_999);

        try (Session session = sessions.openSession()) {
            session.add(appointment);
            session.commit();
        }

        assertThat(appointment.scheduled).isEqualTo(LocalDateTime.of(2025, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(appointment.created).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        Appointment row = load(sessions, 1);
        assertThat(row.scheduled).isEqualTo(appointment.scheduled);
        assertThat(row.created).isEqualTo(appointment.created);
    }

    @AcrossDatabases
    void anUpdateWritesTheChangedTimeCutAndLeavesTheObjectUnmodified(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Appointment(1));
            session.commit();
        }

        Appointment appointment;
        boolean modifiedAfterFlush;
        try (Session session = sessions.openSession()) {
            appointment = session.get(Appointment.class, 1L);
            appointment.scheduled = NANOS;
            session.flush();
            modifiedAfterFlush = session.isModified(appointment);
            session.commit();
        }

        assertThat(appointment.scheduled).isEqualTo(MICROS);
        assertThat(modifiedAfterFlush).isFalse();
        assertThat(load(sessions, 1).scheduled).isEqualTo(appointment.scheduled);
    }

    @AcrossDatabases
    void aColumnSetToRefuseRefusesNanosecondsAndWritesNothing(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        Appointment appointment = new Appointment(1);
        appointment.audited = NANOS.toInstant(ZoneOffset.UTC);

        ArgumentException refused;
        try (Session session = sessions.openSession()) {
            session.add(appointment);
            refused = catchThrowableOfType(ArgumentException.class, session::flush);
        }

        assertThat(refused).hasMessage("[ATH-E111] Appointment.audited has a fraction of a second finer than a"
                + " microsecond (589793238 ns), but its column appointments.audited (DATETIME(timezone)) keeps"
                + " microseconds and is set to refuse finer ones (ExcessFractions.REFUSE): the value was not"
                + " written. Truncate it first: value.truncatedTo(ChronoUnit.MICROS).");
        assertThat(appointment.audited).isEqualTo(NANOS.toInstant(ZoneOffset.UTC));
        assertThat(rows(sessions)).isZero();
    }

    @AcrossDatabases
    void aRegistrySetToRefuseRefusesNanosecondsInEveryColumnThatDoesNotSayOtherwise(TestDatabase db) {
        SessionFactory sessions = sessions(db,
                Registry.builder().add(Appointment.class).excessFractions(ExcessFractions.REFUSE).build());
        Appointment appointment = new Appointment(1);
        appointment.arrival = NANOS.toLocalTime();

        ArgumentException refused;
        try (Session session = sessions.openSession()) {
            session.add(appointment);
            refused = catchThrowableOfType(ArgumentException.class, session::flush);
        }

        assertThat(refused).hasMessage("[ATH-E111] Appointment.arrival has a fraction of a second finer than a"
                + " microsecond (589793238 ns), but its column appointments.arrival (TIME) keeps microseconds and is"
                + " set to refuse finer ones (ExcessFractions.REFUSE): the value was not written. Truncate it first:"
                + " value.truncatedTo(ChronoUnit.MICROS).");
        assertThat(rows(sessions)).isZero();
    }

    @AcrossDatabases
    void aColumnSetToTruncateTruncatesInARegistrySetToRefuse(TestDatabase db) {
        SessionFactory sessions = sessions(db,
                Registry.builder().add(Appointment.class).excessFractions(ExcessFractions.REFUSE).build());
        Appointment appointment = new Appointment(1);
        appointment.noted = NANOS;

        try (Session session = sessions.openSession()) {
            session.add(appointment);
            session.commit();
        }

        assertThat(appointment.noted).isEqualTo(MICROS);
        assertThat(load(sessions, 1).noted).isEqualTo(appointment.noted);
    }

    @AcrossDatabases
    void anInsertStatementWritesTheValuesCutToMicroseconds(TestDatabase db) {
        SessionFactory sessions = sessions(db);

        try (Session session = sessions.openSession()) {
            session.execute(Sql.insert(Appointment.class).values(Map.of("id", 1L, "created",
                    NANOS.toInstant(ZoneOffset.UTC), "arrival", NANOS.toLocalTime())));
            session.commit();
        }

        Appointment row = load(sessions, 1);
        assertThat(row.created).isEqualTo(MICROS.toInstant(ZoneOffset.UTC));
        assertThat(row.arrival).isEqualTo(MICROS.toLocalTime());
    }

    @AcrossDatabases
    void aBulkInsertWritesTheValuesCutToMicroseconds(TestDatabase db) {
        SessionFactory sessions = sessions(db);

        try (Session session = sessions.openSession()) {
            session.execute(Sql.insert(Appointment.class), List.of(
                    Map.of("id", 1L, "scheduled", NANOS), Map.of("id", 2L, "scheduled", NANOS.plusNanos(1))));
            session.commit();
        }

        assertThat(load(sessions, 1).scheduled).isEqualTo(MICROS);
        assertThat(load(sessions, 2).scheduled).isEqualTo(MICROS);
    }

    @AcrossDatabases
    void anUpdateStatementWritesTheValueCutToMicroseconds(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        try (Session session = sessions.openSession()) {
            session.add(new Appointment(1));
            session.commit();
        }

        try (Session session = sessions.openSession()) {
            session.execute(Sql.update(Appointment.class).where(Sql.col("id").eq(1L))
                    .values("confirmed", NANOS.atOffset(ZoneOffset.UTC)));
            session.commit();
        }

        assertThat(load(sessions, 1).confirmed).isEqualTo(MICROS.atOffset(ZoneOffset.UTC));
    }

    @AcrossDatabases
    void aStatementRefusesNanosecondsForAColumnSetToRefuse(TestDatabase db) {
        SessionFactory sessions = sessions(db);

        ArgumentException refused;
        try (Session session = sessions.openSession()) {
            refused = catchThrowableOfType(ArgumentException.class, () -> session.execute(
                    Sql.insert(Appointment.class).values(Map.of("id", 1L, "audited", NANOS.toInstant(ZoneOffset.UTC)))));
        }

        assertThat(refused.code()).isEqualTo("ATH-E111");
        assertThat(refused.getMessage()).startsWith("[ATH-E111] Appointment.audited has a fraction of a second"
                + " finer than a microsecond (589793238 ns)");
        assertThat(rows(sessions)).isZero();
    }
}
