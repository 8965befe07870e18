package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ExcessFractions;
import io.athanor.orm.mapping.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * Every time type that carries a fraction of a second, for {@link TimeFractionsTest}: four columns that
 * follow the registry, one that always refuses finer fractions and one that always truncates them.
 * Fields are package-private so that the tests read as plain assignments.
 */
@Table("appointments")
public class Appointment {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) Long id;
    @Column Instant created;
    @Column LocalDateTime scheduled;
    @Column OffsetDateTime confirmed;
    @Column LocalTime arrival;
    @Column(excessFractions = ExcessFractions.REFUSE) Instant audited;
    @Column(excessFractions = ExcessFractions.TRUNCATE) LocalDateTime noted;

    protected Appointment() {
    }

    Appointment(long id) {
        this.id = id;
    }
}
