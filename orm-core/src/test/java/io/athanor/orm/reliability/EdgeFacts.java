package io.athanor.orm.reliability;

import io.athanor.orm.testing.DatabaseKind;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What each database stores exactly, as found by the hostile-input tests and written down here on its
 * own (not read from the dialects), so that the tests check Athanor's limits against the facts rather
 * than against themselves.
 */
final class EdgeFacts {

    final boolean lengthInCodePoints;
    final boolean nulInText;
    final boolean nonFiniteFloats;
    final boolean negativeZero;
    final LocalDate minDate;
    final LocalDate maxDate;
    final LocalDateTime minDateTime;
    final LocalDateTime maxDateTime;
    /** LocalDate/LocalDateTime MIN and MAX stored as -infinity/infinity (PostgreSQL). */
    final boolean infinitySentinels;
    /** TIMESTAMP WITH TIME ZONE keeps the offset (H2); otherwise values come back at UTC. */
    final boolean offsetKept;
    /** The UUID column takes every UUID (MariaDB's refuses some, see HostileInputRoundTripTest). */
    final boolean allUuids;

    private EdgeFacts(boolean lengthInCodePoints, boolean nulInText, boolean nonFiniteFloats, boolean negativeZero,
                      LocalDate minDate, LocalDate maxDate, LocalDateTime minDateTime, LocalDateTime maxDateTime,
                      boolean infinitySentinels, boolean offsetKept, boolean allUuids) {
        this.lengthInCodePoints = lengthInCodePoints;
        this.nulInText = nulInText;
        this.nonFiniteFloats = nonFiniteFloats;
        this.negativeZero = negativeZero;
        this.minDate = minDate;
        this.maxDate = maxDate;
        this.minDateTime = minDateTime;
        this.maxDateTime = maxDateTime;
        this.infinitySentinels = infinitySentinels;
        this.offsetKept = offsetKept;
        this.allUuids = allUuids;
    }

    static EdgeFacts of(DatabaseKind kind) {
        LocalDate year1 = LocalDate.of(1, 1, 1);
        LocalDateTime year1Midnight = year1.atStartOfDay();
        switch (kind) {
            case H2:
                // H2 counts UTF-16 code units, keeps NUL, NaN and offsets, loses the sign of -0.0, and holds
                // every date Java has.
                return new EdgeFacts(false, true, true, false, LocalDate.MIN, LocalDate.MAX, LocalDateTime.MIN,
                        LocalDateTime.MAX, false, true, true);
            case POSTGRESQL:
                // pgjdbc reads some dates before year 1 back wrongly; the upper ends are PostgreSQL's own.
                return new EdgeFacts(true, false, true, true, year1, LocalDate.of(5_874_897, 12, 31), year1Midnight,
                        LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000), true, false, true);
            default:
                // MariaDB: no NaN, -0.0 becomes 0.0, DATE and DATETIME of years 1 to 9999, a UUID type that
                // refuses some UUIDs.
                return new EdgeFacts(true, true, false, false, year1, LocalDate.of(9999, 12, 31), year1Midnight,
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), false, false, false);
        }
    }
}
