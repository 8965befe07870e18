package io.athanor.orm.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator of test values: builds one value from the choices it takes from {@link Draws}, so that a
 * seeded run repeats and a recorded value can be rebuilt, or shrunk, by replaying its choices.
 *
 * <p>Generators are composed from the factories here ({@link #of}, {@link #oneOf}, {@link #frequency},
 * {@link #ints}, {@link #longs}, {@link #bigIntegers}, {@link #decimals}, {@link #combine}) and the
 * methods {@link #map}, {@link #flatMap} and {@link #list}. Each one takes its choices so that choice zero
 * is the simplest: the first alternative, the number nearest zero, the shortest list.
 *
 * <p>Numbers lean towards the values where bugs live. A number between {@code min} and {@code max} is, one
 * time in eight, an edge value: the one nearest zero, that value ±1, {@code min}, {@code min + 1},
 * {@code max - 1} or {@code max} (those within the range); two times in eight a number of a random
 * magnitude (its bit length uniform, so small numbers are frequent even in a huge range); otherwise any
 * number of the range, the side of zero chosen first and then the distance from it uniformly.
 *
 * @param <T> the values' type
 */
@FunctionalInterface
interface Gen<T> {

    /** Builds one value from the choices taken from {@code draws}. */
    T next(Draws draws);

    /** This generator's values passed through {@code function}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        return draws -> function.apply(next(draws));
    }

    /** For each of this generator's values, a value of the generator {@code function} makes of it. */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> function) {
        return draws -> function.apply(next(draws)).next(draws);
    }

    /** Lists of {@code minSize} to {@code maxSize} of this generator's values; the size is drawn first. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        Gen<Integer> sizes = ints(minSize, maxSize);
        return draws -> {
            int size = sizes.next(draws);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(draws));
            }
            return values;
        };
    }

    // ------------------------------------------------------------------ choosing

    /** One of {@code values}, each equally likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of {@code values}, each equally likely. */
    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return draws -> copy.get(draws.below(copy.size()));
    }

    /** A value of one of {@code generators}, each generator equally likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        List<Gen<? extends T>> copy = List.of(generators);
        return draws -> copy.get(draws.below(copy.size())).next(draws);
    }

    /** A generator and how often {@link #frequency} takes it, relative to the others. */
    record Weighted<T>(int weight, Gen<? extends T> generator) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight " + weight);
            }
        }
    }

    /** {@code generator}, taken {@code weight} times as often as a generator of weight 1. */
    static <T> Weighted<T> weighted(int weight, Gen<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** A value of one of the generators, each taken as often as its weight says. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return draws -> {
            int ticket = draws.below(total);
            for (Weighted<? extends T> choice : copy) {
                if (ticket < choice.weight()) {
                    return choice.generator().next(draws);
                }
                ticket -= choice.weight();
            }
            throw new AssertionError("ticket beyond the total weight");
        };
    }

    /** A value of {@code a} and one of {@code b}, made into one by {@code combiner}. */
    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> combiner) {
        return draws -> {
            A first = a.next(draws);
            return combiner.apply(first, b.next(draws));
        };
    }

    /** A function of three values, for {@link #combine(Gen, Gen, Gen, Combiner3)}. */
    @FunctionalInterface
    interface Combiner3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    /** A value of each of {@code a}, {@code b} and {@code c}, made into one by {@code combiner}. */
    static <A, B, C, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c,
                                       Combiner3<? super A, ? super B, ? super C, ? extends R> combiner) {
        return draws -> {
            A first = a.next(draws);
            B second = b.next(draws);
            return combiner.apply(first, second, c.next(draws));
        };
    }

    // ------------------------------------------------------------------ numbers

    /** Any byte, edge values favoured as {@link Gen} describes. */
    static Gen<Byte> bytes() {
        return ints(Byte.MIN_VALUE, Byte.MAX_VALUE).map(Integer::byteValue);
    }

    /** Any short, edge values favoured. */
    static Gen<Short> shorts() {
        return ints(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::shortValue);
    }

    /** Any int, edge values favoured. */
    static Gen<Integer> ints() {
        return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An int from {@code min} to {@code max} inclusive, edge values favoured. */
    static Gen<Integer> ints(int min, int max) {
        return bigIntegers(BigInteger.valueOf(min), BigInteger.valueOf(max)).map(BigInteger::intValueExact);
    }

    /** Any long, edge values favoured. */
    static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A long from {@code min} to {@code max} inclusive, edge values favoured. */
    static Gen<Long> longs(long min, long max) {
        return bigIntegers(BigInteger.valueOf(min), BigInteger.valueOf(max)).map(BigInteger::longValueExact);
    }

    /**
     * A decimal of {@code scale} decimal places from {@code min} to {@code max} inclusive (both of which
     * must have no more places), edge values favoured: its unscaled value is drawn as {@link #bigIntegers}.
     */
    static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
        return bigIntegers(min.setScale(scale).unscaledValue(), max.setScale(scale).unscaledValue())
                .map(unscaled -> new BigDecimal(unscaled, scale));
    }

    /**
     * A whole number from {@code min} to {@code max} inclusive: one time in eight an edge value, two in eight
     * one of random magnitude, otherwise one uniformly distant from the value nearest zero (see {@link Gen}).
     * Every other numeric generator is made from this one.
     */
    static Gen<BigInteger> bigIntegers(BigInteger min, BigInteger max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("empty range " + min + " to " + max);
        }
        // The value nearest zero, which choice zero gives: shrinking moves towards it.
        BigInteger origin = min.max(BigInteger.ZERO).min(max);
        BigInteger above = max.subtract(origin);
        BigInteger below = origin.subtract(min);
        List<BigInteger> edges = edges(min, max, origin);
        return draws -> {
            int mode = draws.below(8);
            if (mode == 0) {
                return edges.get(draws.below(edges.size()));
            }
            // The side of the origin: choice 0 is above it, unless nothing is.
            boolean downwards = (draws.below(2) == 1 || above.signum() == 0) && below.signum() > 0;
            BigInteger span = downwards ? below : above;
            BigInteger distance;
            if (mode <= 2) {
                int bits = draws.below(span.bitLength() + 1);
                distance = draws.upTo(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).min(span));
            } else {
                distance = draws.upTo(span);
            }
            return downwards ? origin.subtract(distance) : origin.add(distance);
        };
    }

    /** The edge values of a range, simplest first: the origin and its neighbours, then the range's ends. */
    private static List<BigInteger> edges(BigInteger min, BigInteger max, BigInteger origin) {
        Set<BigInteger> edges = new LinkedHashSet<>();
        for (BigInteger edge : List.of(origin, origin.add(BigInteger.ONE), origin.subtract(BigInteger.ONE), min,
                max, min.add(BigInteger.ONE), max.subtract(BigInteger.ONE))) {
            if (edge.compareTo(min) >= 0 && edge.compareTo(max) <= 0) {
                edges.add(edge);
            }
        }
        return List.copyOf(edges);
    }
}
