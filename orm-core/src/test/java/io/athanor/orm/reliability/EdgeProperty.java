package io.athanor.orm.reliability;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property inside a JUnit {@code @AcrossDatabases} test: draws {@value #TRIES} values from a
 * {@link Gen} with a fixed seed, so that a failure repeats, and on the first failure shrinks the value
 * before reporting it. Prints how many inputs were tried and what became of them.
 *
 * <p>Shrinking replays the generator on altered copies of the failing value's record of choices
 * ({@link Draws}). From the first choice to the last it tries setting the choice to zero, then halving it;
 * a smaller choice gives a simpler value (an earlier alternative, an edge value, a number nearer zero, a
 * shorter list or string). A candidate is run only when its record is simpler than the current one, and
 * kept when the property still fails for it; after a pass that kept one, it starts over. It stops after
 * {@value #SHRINK_STEPS} runs (each a round trip to the database). It is greedy: the report shows the
 * smallest failing value it found, not necessarily the smallest there is.
 */
final class EdgeProperty {

    /** Inputs per property and database. */
    static final int TRIES = 200;
    /** The seed of every run: a failure is reproduced by running the test again. */
    static final long SEED = 20_260_808L;
    /** Upper bound on shrinking attempts (each one is a round trip to the database). */
    static final int SHRINK_STEPS = 150;

    /** What became of one input. */
    enum Outcome {
        /** Written and read back unchanged. */
        STORED,
        /** Refused before anything was written. */
        REFUSED
    }

    private EdgeProperty() {
    }

    /**
     * Checks {@code property} for {@value #TRIES} values of {@code generator}.
     *
     * @param database the database's label, for the report
     * @param name the property's name, for the report
     * @param generator the values
     * @param property what must hold for each value; returns what became of it, throws when it does not hold
     * @param <T> the values' type
     * @return how many inputs ended in each outcome
     */
    static <T> Map<Outcome, Integer> check(String database, String name, Gen<T> generator,
                                           Function<T, Outcome> property) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        outcomes.put(Outcome.STORED, 0);
        outcomes.put(Outcome.REFUSED, 0);
        Random random = new Random(SEED);
        for (int tried = 1; tried <= TRIES; tried++) {
            Draws draws = Draws.from(random);
            T value = generator.next(draws);
            Throwable failure = run(property, value, outcomes);
            if (failure != null) {
                throw falsified(database, name, tried, generator, new Sample<>(value, draws.record(), failure),
                        property);
            }
        }
        System.out.printf("[hostile-input] %s %s: %d inputs tried (seed %d): %d stored exactly, %d refused before"
                        + " writing%n", database, name, TRIES, SEED, outcomes.get(Outcome.STORED),
                outcomes.get(Outcome.REFUSED));
        return outcomes;
    }

    private static <T> Throwable run(Function<T, Outcome> property, T value, Map<Outcome, Integer> outcomes) {
        try {
            Outcome outcome = property.apply(value);
            if (outcomes != null) {
                outcomes.merge(outcome, 1, Integer::sum);
            }
            return null;
        } catch (AssertionError | RuntimeException failure) {
            return failure;
        }
    }

    /** A value that fails the property, the choices that made it, and how it fails. */
    record Sample<T>(T value, List<BigInteger> record, Throwable failure) {
    }

    /** Shrinks the failing sample as the class comment describes and reports the smallest failing one found. */
    private static <T> AssertionError falsified(String database, String name, int tried, Gen<T> generator,
                                                Sample<T> original, Function<T, Outcome> property) {
        Shrunk<T> shrunk = shrink(generator, original, property);
        Sample<T> smallest = shrunk.smallest();
        AssertionError error = new AssertionError(String.format("%s on %s falsified at input %d of %d (seed %d)%n"
                        + "  original sample: %s%n  shrunk sample (%d shrinking steps): %s%n  failure: %s", name,
                database, tried, TRIES, SEED, show(original.value()), shrunk.steps(), show(smallest.value()),
                smallest.failure()));
        error.initCause(smallest.failure());
        return error;
    }

    /** The smallest failing sample shrinking found, and how many candidates it ran. */
    record Shrunk<T>(Sample<T> smallest, int steps) {
    }

    /** Shrinks {@code failing} as the class comment describes; {@code property} fails for the result. */
    static <T> Shrunk<T> shrink(Gen<T> generator, Sample<T> failing, Function<T, Outcome> property) {
        Sample<T> smallest = failing;
        int steps = 0;
        boolean kept = true;
        while (kept && steps < SHRINK_STEPS) {
            kept = false;
            // A position is tried again after a kept candidate: it may shrink further.
            for (int position = 0; position < smallest.record().size() && steps < SHRINK_STEPS; ) {
                Sample<T> candidate = null;
                for (List<BigInteger> record : simplerAt(smallest.record(), position)) {
                    Draws draws = Draws.replaying(record);
                    T value;
                    try {
                        value = generator.next(draws);
                    } catch (RuntimeException notAValue) {
                        continue;
                    }
                    if (!Draws.simpler(draws.record(), smallest.record()) || steps >= SHRINK_STEPS) {
                        continue;
                    }
                    steps++;
                    Throwable failure = run(property, value, null);
                    if (failure != null) {
                        candidate = new Sample<>(value, draws.record(), failure);
                        break;
                    }
                }
                if (candidate != null) {
                    smallest = candidate;
                    kept = true;
                } else {
                    position++;
                }
            }
        }
        return new Shrunk<>(smallest, steps);
    }

    /** The record with the choice at {@code position} set to zero, and with it halved. */
    private static List<List<BigInteger>> simplerAt(List<BigInteger> record, int position) {
        BigInteger choice = record.get(position);
        List<List<BigInteger>> candidates = new ArrayList<>();
        if (choice.signum() > 0) {
            candidates.add(with(record, position, BigInteger.ZERO));
        }
        if (choice.compareTo(BigInteger.ONE) > 0) {
            candidates.add(with(record, position, choice.shiftRight(1)));
        }
        return candidates;
    }

    private static List<BigInteger> with(List<BigInteger> record, int position, BigInteger choice) {
        List<BigInteger> altered = new ArrayList<>(record);
        altered.set(position, choice);
        return altered;
    }

    /** A value as a report shows it: control characters and surrogates escaped, long values cut. */
    static String show(Object value) {
        if (value instanceof byte[]) {
            return "byte[" + ((byte[]) value).length + "]";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        int limit = Math.min(text.length(), 120);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return (value == null ? "null" : value.getClass().getSimpleName() + " ") + '"' + out + '"';
    }
}
