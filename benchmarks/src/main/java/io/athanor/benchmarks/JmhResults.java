package io.athanor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result files ({@code -rf json}) into {@link Measurement}s and merges the files of one
 * published run: the timed runs, the allocation pass ({@code -prof gc}) and the reruns of overloaded
 * benchmarks.
 */
final class JmhResults {

    /** The secondary result of {@code -prof gc} that gives bytes allocated per operation. */
    static final String ALLOCATION = "gc.alloc.rate.norm";

    private JmhResults() {
    }

    /**
     * One benchmark method on one database at one thread count.
     *
     * @param benchmark  JMH's full method name, {@code io.athanor.benchmarks.InsertBenchmark.jdbc}
     * @param samples    the score of every measured iteration of every fork, fork after fork
     * @param allocation bytes allocated per operation, NaN when no allocation pass measured it
     * @param loads      the 1-minute load average after each measured iteration (see
     *                   {@link LoadAverageProfiler}); empty when the profiler was not on
     * @param runs       how many timed runs measured it; the samples are the last run's
     * @param jvmArgs    the JVM flags of its forks
     * @param iteration  the length of a measured iteration, as JMH writes it ({@code "1 s"})
     */
    record Measurement(String benchmark, String database, int threads, String unit, double[] samples,
                       double allocation, double[] loads, int runs, List<String> jvmArgs, String iteration) {

        /** The workload: the class name without its package and {@code Benchmark} suffix. */
        String workload() {
            String[] parts = benchmark.split("\\.");
            return parts[parts.length - 2].replace("Benchmark", "");
        }

        /** The peer and variant: the method name. */
        String peer() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /** The measurements that share a baseline: same workload, database and thread count. */
        String group() {
            return workload() + "/" + database + "/" + threads;
        }

        /** The highest load average of its iterations, NaN when none was recorded. */
        double loadMax() {
            double max = Double.NaN;
            for (double load : loads) {
                max = Double.isNaN(max) ? load : Math.max(max, load);
            }
            return max;
        }

        boolean isAllocationPass() {
            return !Double.isNaN(allocation);
        }
    }

    /** Reads every benchmark of one JSON file, in file order. */
    static List<Measurement> read(Path json) throws IOException {
        return parse(Files.readString(json));
    }

    /** Reads every benchmark of the text of one JSON file, in file order. */
    @SuppressWarnings("unchecked")
    static List<Measurement> parse(String json) {
        List<Measurement> measurements = new ArrayList<>();
        for (Object entry : (List<Object>) Json.parse(json)) {
            Map<String, Object> result = (Map<String, Object>) entry;
            Map<String, Object> params = (Map<String, Object>) result.getOrDefault("params", Map.of());
            Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
            Map<String, Object> secondary = (Map<String, Object>) result.getOrDefault("secondaryMetrics", Map.of());
            Map<String, Object> allocation = (Map<String, Object>) secondary.get(ALLOCATION);
            Map<String, Object> load = (Map<String, Object>) secondary.get(LoadAverageProfiler.LABEL);
            measurements.add(new Measurement(
                    (String) result.get("benchmark"),
                    (String) params.getOrDefault("database", "h2"),
                    ((Number) result.get("threads")).intValue(),
                    (String) primary.get("scoreUnit"),
                    flatten(primary.get("rawData")),
                    allocation == null ? Double.NaN : number(allocation.get("score")),
                    load == null ? new double[0] : flatten(load.get("rawData")),
                    1,
                    strings(result.getOrDefault("jvmArgs", List.of())),
                    (String) result.getOrDefault("measurementTime", "unknown")));
        }
        return measurements;
    }

    /**
     * Merges the files of a run, given in the order they were written. A benchmark measured by several
     * timed runs keeps the last run's samples and load averages (a rerun replaces the overloaded run it
     * repeats) and counts its runs; an allocation pass contributes only its bytes per operation, since
     * the profiler's own work is inside its timings.
     */
    static List<Measurement> merge(List<Measurement> inOrder) {
        Map<String, Measurement> timed = new LinkedHashMap<>();
        Map<String, Double> allocations = new LinkedHashMap<>();
        for (Measurement measurement : inOrder) {
            String key = measurement.benchmark() + "/" + measurement.database() + "/" + measurement.threads();
            if (measurement.isAllocationPass()) {
                allocations.put(key, measurement.allocation());
            } else {
                Measurement earlier = timed.get(key);
                int runs = earlier == null ? 1 : earlier.runs() + 1;
                timed.put(key, new Measurement(measurement.benchmark(), measurement.database(),
                        measurement.threads(), measurement.unit(), measurement.samples(), Double.NaN,
                        measurement.loads(), runs, measurement.jvmArgs(), measurement.iteration()));
            }
        }
        List<Measurement> merged = new ArrayList<>();
        timed.forEach((key, measurement) -> merged.add(new Measurement(measurement.benchmark(),
                measurement.database(), measurement.threads(), measurement.unit(), measurement.samples(),
                allocations.getOrDefault(key, Double.NaN), measurement.loads(), measurement.runs(),
                measurement.jvmArgs(), measurement.iteration())));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static double[] flatten(Object rawData) {
        List<Double> values = new ArrayList<>();
        for (Object fork : (List<Object>) rawData) {
            for (Object value : (List<Object>) fork) {
                values.add(number(value));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A JSON number, or JMH's {@code "NaN"}. */
    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.parseDouble((String) value);
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        for (Object value : (List<?>) list) {
            strings.add((String) value);
        }
        return strings;
    }
}
