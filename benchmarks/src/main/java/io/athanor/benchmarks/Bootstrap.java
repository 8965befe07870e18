package io.athanor.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of the report: means, medians, and a percentile bootstrap interval for the ratio of two
 * benchmarks' mean times.
 *
 * <p>A sample is one measured iteration: the average time per operation over one second. The interval
 * resamples each benchmark's iterations independently, with replacement, as many times as there were,
 * and takes the ratio of the two resampled means; the 2.5th and 97.5th percentiles of those ratios bound
 * the 95% interval. The random numbers come from a fixed seed, so a report is the same every time it is
 * made from the same files.
 */
final class Bootstrap {

    /** Resamples per interval. */
    static final int RESAMPLES = 10_000;
    /** The seed of every interval of a report. */
    static final long SEED = 20_261_207L;

    private Bootstrap() {
    }

    /**
     * A ratio and its 95% interval.
     *
     * @param point the ratio of the means of all the samples
     */
    record Interval(double point, double low, double high) {

        /** Whether the whole interval lies below 1: the numerator is faster. */
        boolean below1() {
            return high < 1;
        }

        /** Whether the whole interval lies above 1: the numerator is slower. */
        boolean above1() {
            return low > 1;
        }
    }

    static double mean(double[] samples) {
        double sum = 0;
        for (double sample : samples) {
            sum += sample;
        }
        return sum / samples.length;
    }

    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The ratio of means of {@code numerator} to {@code denominator} with its 95% interval, from {@link #SEED}. */
    static Interval ratioOfMeans(double[] numerator, double[] denominator) {
        return ratioOfMeans(numerator, denominator, RESAMPLES, SEED);
    }

    /**
     * The ratio of means of {@code numerator} to {@code denominator} with a 95% percentile bootstrap
     * interval over {@code resamples} resamples drawn from {@code seed}.
     */
    static Interval ratioOfMeans(double[] numerator, double[] denominator, int resamples, long seed) {
        if (numerator.length == 0 || denominator.length == 0) {
            throw new IllegalArgumentException("a ratio needs samples on both sides");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            ratios[i] = resampledMean(numerator, random) / resampledMean(denominator, random);
        }
        Arrays.sort(ratios);
        return new Interval(mean(numerator) / mean(denominator), percentile(ratios, 0.025),
                percentile(ratios, 0.975));
    }

    private static double resampledMean(double[] samples, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < samples.length; i++) {
            sum += samples[random.nextInt(samples.length)];
        }
        return sum / samples.length;
    }

    /** The value at {@code share} of the sorted values, the nearest rank rounding down. */
    private static double percentile(double[] sorted, double share) {
        return sorted[(int) Math.floor(share * (sorted.length - 1))];
    }
}
