package io.athanor.orm.reliability;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test generator behind the hostile-input properties ({@link Gen}, {@link Draws}, {@link EdgeProperty}):
 * runs repeat, values stay in their ranges and lean to the edges, and a failing value is shrunk.
 * No database is needed.
 */
class GenTest {

    private static <T> List<T> sample(Gen<T> generator, int count, long seed) {
        Random random = new Random(seed);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(generator.next(Draws.from(random)));
        }
        return values;
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        Gen<String> texts = HostileInputRoundTripTest.hostileStrings(24);

        assertThat(sample(texts, 200, 7)).isEqualTo(sample(texts, 200, 7)).isNotEqualTo(sample(texts, 200, 8));
    }

    @Test
    void replayingTheRecordOfAValueMakesTheSameValue() {
        Gen<String> texts = HostileInputRoundTripTest.hostileStrings(24);
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            Draws drawn = Draws.from(random);
            String value = texts.next(drawn);

            Draws replayed = Draws.replaying(drawn.record());
            assertThat(texts.next(replayed)).isEqualTo(value);
            assertThat(replayed.record()).isEqualTo(drawn.record());
        }
    }

    @Test
    void numbersStayInTheirRangeAndIncludeItsEdges() {
        List<Integer> values = sample(Gen.ints(-40_000, 40_000), 2_000, 3);

        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(-40_000, 40_000));
        assertThat(values).contains(-40_000, -39_999, -1, 0, 1, 39_999, 40_000);
        // The range's ends and the value nearest zero, also when zero is outside the range.
        assertThat(sample(Gen.longs(1_000, 80_000), 500, 3)).contains(1_000L, 1_001L, 79_999L, 80_000L)
                .allSatisfy(v -> assertThat(v).isBetween(1_000L, 80_000L));
        assertThat(sample(Gen.ints(), 500, 3)).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
    }

    @Test
    void aHugeRangeStillGivesSmallNumbersOften() {
        BigInteger twoToThe70 = BigInteger.TWO.pow(70);
        List<BigInteger> values = sample(Gen.bigIntegers(twoToThe70.negate(), twoToThe70), 1_000, 5);

        long small = values.stream().filter(v -> v.abs().bitLength() <= 32).count();
        long large = values.stream().filter(v -> v.abs().bitLength() >= 64).count();
        assertThat(small).as("values that fit an int").isGreaterThan(100);
        assertThat(large).as("values beyond a long's range").isGreaterThan(400);
    }

    @Test
    void frequencyTakesEachGeneratorAsOftenAsItsWeight() {
        List<String> values = sample(Gen.frequency(Gen.weighted(9, Gen.of("often")), Gen.weighted(1, Gen.of("rarely"))),
                2_000, 11);

        assertThat(values.stream().filter("rarely"::equals).count()).isBetween(140L, 260L);
    }

    @Test
    void listsHaveTheirSizesAndChoicesEveryAlternative() {
        List<List<String>> lists = sample(Gen.of("a", "b", "c").list(1, 4), 500, 13);

        assertThat(lists).allSatisfy(list -> assertThat(list).hasSizeBetween(1, 4));
        Set<Integer> sizes = new HashSet<>();
        lists.forEach(list -> sizes.add(list.size()));
        assertThat(sizes).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(lists.stream().flatMap(List::stream)).contains("a", "b", "c");
    }

    @Test
    void shrinkingMovesAFailingNumberTowardsTheBoundaryOfTheFailure() {
        Gen<Long> longs = Gen.longs();
        Function<Long, EdgeProperty.Outcome> belowAThousand = v -> {
            assertThat(v).isLessThan(1_000L);
            return EdgeProperty.Outcome.STORED;
        };
        EdgeProperty.Sample<Long> failing = failingSample(longs, belowAThousand);

        EdgeProperty.Shrunk<Long> shrunk = EdgeProperty.shrink(longs, failing, belowAThousand);

        // Halving stops within a factor of two of the smallest failing value: greedy, not minimal.
        assertThat(shrunk.smallest().value()).isBetween(1_000L, 1_999L);
        assertThat(shrunk.smallest().failure()).isInstanceOf(AssertionError.class);
        assertThat(shrunk.steps()).isBetween(1, EdgeProperty.SHRINK_STEPS);
    }

    @Test
    void shrinkingShortensAFailingString() {
        Gen<String> texts = HostileInputRoundTripTest.hostileStrings(24);
        Function<String, EdgeProperty.Outcome> noQuote = text -> {
            assertThat(text).doesNotContain("'");
            return EdgeProperty.Outcome.STORED;
        };
        EdgeProperty.Sample<String> failing = failingSample(texts, noQuote);

        EdgeProperty.Shrunk<String> shrunk = EdgeProperty.shrink(texts, failing, noQuote);

        assertThat(shrunk.smallest().value()).contains("'").hasSizeLessThan(failing.value().length());
        assertThat(Draws.simpler(shrunk.smallest().record(), failing.record())).isTrue();
    }

    @Test
    void aFailureIsReportedWithItsInputNumberSeedAndShrunkSample() {
        Function<Integer, EdgeProperty.Outcome> belowAThousand = v -> {
            assertThat(v).isLessThan(1_000);
            return EdgeProperty.Outcome.STORED;
        };

        assertThatThrownBy(() -> EdgeProperty.check("nowhere", "ints below 1000", Gen.ints(), belowAThousand))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ints below 1000 on nowhere falsified at input")
                .hasMessageContaining("(seed " + EdgeProperty.SEED + ")")
                .hasMessageContaining("original sample: Integer")
                .hasMessageContaining("shrunk sample (")
                .hasCauseInstanceOf(AssertionError.class);
    }

    /** The first value of {@code generator} (seeded) for which {@code property} fails. */
    private static <T> EdgeProperty.Sample<T> failingSample(Gen<T> generator, Function<T, EdgeProperty.Outcome> property) {
        Random random = new Random(EdgeProperty.SEED);
        for (int i = 0; i < 1_000; i++) {
            Draws draws = Draws.from(random);
            T value = generator.next(draws);
            try {
                property.apply(value);
            } catch (AssertionError failure) {
                return new EdgeProperty.Sample<>(value, draws.record(), failure);
            }
        }
        throw new AssertionError("no failing value in 1,000");
    }
}
