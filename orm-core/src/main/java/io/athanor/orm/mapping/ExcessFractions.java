package io.athanor.orm.mapping;

/**
 * What a write does with a time value ({@code Instant}, {@code LocalDateTime}, {@code OffsetDateTime},
 * {@code LocalTime}) whose fraction of a second is finer than its column keeps: every supported
 * database keeps microseconds, while {@code Instant.now()} and {@code LocalDateTime.now()} carry
 * nanoseconds on Linux. Set per column with {@link Column#excessFractions()}, or for a whole registry
 * with {@link RegistryBuilder#excessFractions(ExcessFractions)}. SQLAlchemy leaves this to the driver;
 * Athanor decides it itself, so that every database stores the same value.
 */
public enum ExcessFractions {
    /** On a column: the registry's setting, which is {@link #TRUNCATE} unless the registry says otherwise. */
    DEFAULT,
    /**
     * The value is written cut to microseconds (never rounded up, so it never moves into the next second
     * or day). A flush also sets the object's field to that value, so that the object equals its row;
     * an INSERT or UPDATE statement, which has no object, writes the cut value.
     */
    TRUNCATE,
    /**
     * The value is refused before anything is written ({@code ATH-E111}), naming the attribute: for code
     * that must never store a value other than the one it holds.
     */
    REFUSE
}
