package io.athanor.orm.reliability;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a jqwik property inside a JUnit {@code @AcrossDatabases} test, which jqwik's own {@code @Property}
 * cannot combine with: draws {@value #TRIES} values from the arbitrary (its edge cases mixed in) with a
 * fixed seed, so that a failure repeats, and on the first failure shrinks the value greedily, as jqwik
 * would, before reporting it. Prints how many inputs were tried and what became of them.
 */
final class EdgeProperty {

    /** Inputs per property and database. */
    static final int TRIES = 200;
    /** The seed of every run: a failure is reproduced by running the test again. */
    static final long SEED = 20_260_808L;
    /** Upper bound on shrinking attempts (each one is a round trip to the database). */
    private static final int SHRINK_STEPS = 150;

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
     * Checks {@code property} for {@value #TRIES} values of {@code arbitrary}.
     *
     * @param database the database's label, for the report
     * @param name the property's name, for the report
     * @param arbitrary the values
     * @param property what must hold for each value; returns what became of it, throws when it does not hold
     * @param <T> the values' type
     * @return how many inputs ended in each outcome
     */
    static <T> Map<Outcome, Integer> check(String database, String name, Arbitrary<T> arbitrary,
                                           Function<T, Outcome> property) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        outcomes.put(Outcome.STORED, 0);
        outcomes.put(Outcome.REFUSED, 0);
        JqwikSession.start();
        try {
            RandomGenerator<T> generator = arbitrary.generatorWithEmbeddedEdgeCases(1000);
            Random random = new Random(SEED);
            for (int tried = 1; tried <= TRIES; tried++) {
                Shrinkable<T> sample = generator.next(random);
                Throwable failure = run(property, sample.value(), outcomes);
                if (failure != null) {
                    throw falsified(database, name, tried, sample, failure, property);
                }
            }
        } finally {
            JqwikSession.finish();
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

    /** Shrinks the failing sample to the smallest one jqwik's shrinking finds that still fails. */
    private static <T> AssertionError falsified(String database, String name, int tried, Shrinkable<T> sample,
                                                Throwable failure, Function<T, Outcome> property) {
        Shrinkable<T> smallest = sample;
        Throwable smallestFailure = failure;
        int steps = 0;
        boolean shrunk = true;
        while (shrunk && steps < SHRINK_STEPS) {
            shrunk = false;
            Iterator<Shrinkable<T>> candidates = smallest.shrink().iterator();
            while (candidates.hasNext() && steps < SHRINK_STEPS) {
                Shrinkable<T> candidate = candidates.next();
                steps++;
                Throwable candidateFailure = run(property, candidate.value(), null);
                if (candidateFailure != null) {
                    smallest = candidate;
                    smallestFailure = candidateFailure;
                    shrunk = true;
                    break;
                }
            }
        }
        AssertionError error = new AssertionError(String.format("%s on %s falsified at input %d of %d (seed %d)%n"
                        + "  original sample: %s%n  shrunk sample (%d shrinking steps): %s%n  failure: %s", name,
                database, tried, TRIES, SEED, show(sample.value()), steps, show(smallest.value()), smallestFailure));
        error.initCause(smallestFailure);
        return error;
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
