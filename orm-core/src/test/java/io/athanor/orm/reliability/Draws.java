package io.athanor.orm.reliability;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The choices a {@link Gen} makes while it builds one value, each a whole number from zero up to a bound
 * the generator names, and the record of them.
 *
 * <p>Drawn from a seeded {@link Random}, the choices make a new value; replayed from a record, they make
 * the same value again. Replaying an altered record is how {@link EdgeProperty} shrinks a failing value:
 * every generator is written so that a smaller choice gives a simpler value (an earlier alternative, an
 * edge value, a value nearer zero, a shorter list). A replayed choice above the bound asked for is cut to
 * the bound, and a choice asked for beyond the end of the record is zero, so any list of numbers replays
 * to some value.
 */
final class Draws {

    /** Where new choices come from; null while replaying. */
    private final Random random;
    /** The choices replayed, in order; empty while drawing. */
    private final List<BigInteger> replayed;
    /** The choices made so far, as they were returned. */
    private final List<BigInteger> made = new ArrayList<>();

    private Draws(Random random, List<BigInteger> replayed) {
        this.random = random;
        this.replayed = replayed;
    }

    /** Choices drawn at random from {@code random}, which the caller seeds so that a run repeats. */
    static Draws from(Random random) {
        return new Draws(random, List.of());
    }

    /** Choices read back from {@code record}, as {@link #record()} gave it or altered. */
    static Draws replaying(List<BigInteger> record) {
        return new Draws(null, List.copyOf(record));
    }

    /** A choice from 0 to {@code bound} inclusive, each equally likely when drawn at random. */
    BigInteger upTo(BigInteger bound) {
        BigInteger choice;
        if (random != null) {
            // Rejection sampling: a uniform number of bound's bit length, drawn again while above the bound
            // (fewer than two tries on average).
            do {
                choice = new BigInteger(bound.bitLength(), random);
            } while (choice.compareTo(bound) > 0);
        } else {
            int next = made.size();
            choice = next < replayed.size() ? replayed.get(next).min(bound) : BigInteger.ZERO;
        }
        made.add(choice);
        return choice;
    }

    /** A choice from 0 to {@code count - 1}: which of {@code count} alternatives to take. */
    int below(int count) {
        return upTo(BigInteger.valueOf(count - 1L)).intValueExact();
    }

    /** The choices made so far; replaying them makes the same value. */
    List<BigInteger> record() {
        return List.copyOf(made);
    }

    /**
     * Whether record {@code a} is simpler than {@code b}: fewer choices, or as many and the first one that
     * differs smaller. Shrinking only ever moves to a simpler record, so it ends.
     */
    static boolean simpler(List<BigInteger> a, List<BigInteger> b) {
        if (a.size() != b.size()) {
            return a.size() < b.size();
        }
        for (int i = 0; i < a.size(); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order < 0;
            }
        }
        return false;
    }
}
