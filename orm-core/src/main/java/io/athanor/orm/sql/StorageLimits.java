package io.athanor.orm.sql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What a database can store exactly, beyond what a column's {@link SqlType} says: how it counts a
 * string's length, whether text may hold NUL, whether floating-point columns hold NaN, infinities and
 * negative zero, and which dates and timestamps it keeps. The flush checks every value against these
 * limits and the column's type before anything is written, so that a value is either stored exactly
 * or refused with an error naming the attribute; never truncated, rounded or shifted by the database
 * or its driver.
 *
 * <p>Immutable. {@link #STANDARD} is deliberately strict; each shipped dialect states its own limits
 * ({@link SqlDialect#storageLimits()}).
 */
public final class StorageLimits {

    /**
     * The limits assumed for a database Athanor knows nothing about: lengths in code points, no NUL in
     * text, finite floating-point values without negative zero, dates and timestamps of years 1 to 9999.
     */
    public static final StorageLimits STANDARD = new StorageLimits(true, false, false, false,
            LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), false, false, true);

    private final boolean lengthInCodePoints;
    private final boolean nulInText;
    private final boolean nonFiniteFloats;
    private final boolean negativeZero;
    private final LocalDate minDate;
    private final LocalDate maxDate;
    private final LocalDateTime minDateTime;
    private final LocalDateTime maxDateTime;
    private final boolean infinitySentinels;
    private final boolean offsetKept;
    private final boolean allUuids;

    private StorageLimits(boolean lengthInCodePoints, boolean nulInText, boolean nonFiniteFloats,
                          boolean negativeZero, LocalDate minDate, LocalDate maxDate, LocalDateTime minDateTime,
                          LocalDateTime maxDateTime, boolean infinitySentinels, boolean offsetKept, boolean allUuids) {
        this.lengthInCodePoints = lengthInCodePoints;
        this.nulInText = nulInText;
        this.nonFiniteFloats = nonFiniteFloats;
        this.negativeZero = negativeZero;
        this.minDate = Objects.requireNonNull(minDate);
        this.maxDate = Objects.requireNonNull(maxDate);
        this.minDateTime = Objects.requireNonNull(minDateTime);
        this.maxDateTime = Objects.requireNonNull(maxDateTime);
        this.infinitySentinels = infinitySentinels;
        this.offsetKept = offsetKept;
        this.allUuids = allUuids;
    }

    /**
     * Whether VARCHAR(n) counts Unicode code points (true: an emoji is one character) or UTF-16 code
     * units (false, as H2 does: an emoji is two).
     *
     * @param codePoints how lengths are counted
     * @return limits that differ in that only
     */
    public StorageLimits withLengthInCodePoints(boolean codePoints) {
        return new StorageLimits(codePoints, nulInText, nonFiniteFloats, negativeZero, minDate, maxDate, minDateTime,
                maxDateTime, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * Whether text columns store the NUL character (U+0000).
     *
     * @param allowed whether they do
     * @return limits that differ in that only
     */
    public StorageLimits withNulInText(boolean allowed) {
        return new StorageLimits(lengthInCodePoints, allowed, nonFiniteFloats, negativeZero, minDate, maxDate,
                minDateTime, maxDateTime, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * Whether REAL and DOUBLE columns store NaN and the infinities.
     *
     * @param allowed whether they do
     * @return limits that differ in that only
     */
    public StorageLimits withNonFiniteFloats(boolean allowed) {
        return new StorageLimits(lengthInCodePoints, nulInText, allowed, negativeZero, minDate, maxDate, minDateTime,
                maxDateTime, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * Whether REAL and DOUBLE columns keep the sign of negative zero (otherwise -0.0 comes back as 0.0).
     *
     * @param kept whether they do
     * @return limits that differ in that only
     */
    public StorageLimits withNegativeZero(boolean kept) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, kept, minDate, maxDate, minDateTime,
                maxDateTime, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * The dates a DATE column stores and the driver reads back unchanged.
     *
     * @param min the earliest
     * @param max the latest
     * @return limits that differ in that only
     */
    public StorageLimits withDates(LocalDate min, LocalDate max) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, negativeZero, min, max, minDateTime,
                maxDateTime, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * The timestamps a TIMESTAMP column stores and the driver reads back unchanged; for a zoned column,
     * the range of the instant in UTC (or of the local date-time, when the offset is kept).
     *
     * @param min the earliest
     * @param max the latest
     * @return limits that differ in that only
     */
    public StorageLimits withDateTimes(LocalDateTime min, LocalDateTime max) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, negativeZero, minDate, maxDate, min,
                max, infinitySentinels, offsetKept, allUuids);
    }

    /**
     * Whether {@code LocalDate.MIN}/{@code MAX} and {@code LocalDateTime.MIN}/{@code MAX} are stored as
     * the database's {@code -infinity}/{@code infinity} and read back as themselves (PostgreSQL).
     *
     * @param sentinels whether they are
     * @return limits that differ in that only
     */
    public StorageLimits withInfinitySentinels(boolean sentinels) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, negativeZero, minDate, maxDate,
                minDateTime, maxDateTime, sentinels, offsetKept, allUuids);
    }

    /**
     * Whether a TIMESTAMP WITH TIME ZONE keeps the offset it was given, so that its range applies to the
     * local date-time rather than to the instant in UTC.
     *
     * @param kept whether it does
     * @return limits that differ in that only
     */
    public StorageLimits withOffsetKept(boolean kept) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, negativeZero, minDate, maxDate,
                minDateTime, maxDateTime, infinitySentinels, kept, allUuids);
    }

    /**
     * Whether the UUID column stores every UUID. MariaDB's UUID type (10.11 and later) stores the UUIDs of
     * versions 1 to 5 with their bytes reordered, and reads a stored value as reordered when its 7th
     * byte is 0x80 or more and its 9th byte 0x01 to 0x80; so it refuses a UUID with that pattern
     * ({@link #refusedByMariaDbUuid}).
     *
     * @param all whether every UUID is stored
     * @return limits that differ in that only
     */
    public StorageLimits withAllUuids(boolean all) {
        return new StorageLimits(lengthInCodePoints, nulInText, nonFiniteFloats, negativeZero, minDate, maxDate,
                minDateTime, maxDateTime, infinitySentinels, offsetKept, all);
    }

    /** Whether VARCHAR(n) counts code points (true) or UTF-16 code units (false). */
    public boolean lengthInCodePoints() {
        return lengthInCodePoints;
    }

    /** Whether text columns store NUL. */
    public boolean nulInText() {
        return nulInText;
    }

    /** Whether REAL and DOUBLE columns store NaN and the infinities. */
    public boolean nonFiniteFloats() {
        return nonFiniteFloats;
    }

    /** Whether REAL and DOUBLE columns keep negative zero. */
    public boolean negativeZero() {
        return negativeZero;
    }

    /** The earliest date stored exactly. */
    public LocalDate minDate() {
        return minDate;
    }

    /** The latest date stored exactly. */
    public LocalDate maxDate() {
        return maxDate;
    }

    /** The earliest timestamp stored exactly. */
    public LocalDateTime minDateTime() {
        return minDateTime;
    }

    /** The latest timestamp stored exactly. */
    public LocalDateTime maxDateTime() {
        return maxDateTime;
    }

    /** Whether the MIN and MAX of LocalDate and LocalDateTime are stored as -infinity and infinity. */
    public boolean infinitySentinels() {
        return infinitySentinels;
    }

    /** Whether zoned timestamps keep their offset. */
    public boolean offsetKept() {
        return offsetKept;
    }

    /** Whether the UUID column stores every UUID. */
    public boolean allUuids() {
        return allUuids;
    }

    /**
     * Whether MariaDB's UUID type refuses this UUID: its 7th byte (the version's) is 0x80 or more and its
     * 9th byte (the variant's) is 0x01 to 0x80.
     *
     * @param uuid the UUID
     * @return true when MariaDB refuses it
     */
    public static boolean refusedByMariaDbUuid(java.util.UUID uuid) {
        int seventh = (int) (uuid.getMostSignificantBits() >>> 8) & 0xFF;
        int ninth = (int) (uuid.getLeastSignificantBits() >>> 56) & 0xFF;
        return seventh >= 0x80 && ninth >= 0x01 && ninth <= 0x80;
    }
}
