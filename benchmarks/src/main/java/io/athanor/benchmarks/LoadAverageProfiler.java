package io.athanor.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the machine's 1-minute load average after every iteration, as the secondary result
 * {@value #LABEL}, so that it lands in JMH's JSON next to the iteration it describes. A benchmark whose
 * iterations ran while something else kept the machine's cores busy can then be found and measured
 * again (see {@link Report}).
 *
 * <p>Registered with {@code -prof io.athanor.benchmarks.LoadAverageProfiler}. Reads {@code /proc/loadavg},
 * so it records nothing on machines without one. The value counts the benchmark's own runnable threads
 * too: about 1 for a single-threaded benchmark, about the thread count for a multi-threaded one.
 */
public final class LoadAverageProfiler implements InternalProfiler {

    /** The secondary result's name in JMH's output. */
    public static final String LABEL = "loadavg.1min";

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    /** Made by JMH, by reflection, in the benchmark's fork. */
    public LoadAverageProfiler() {
    }

    /** What {@code -lprof} lists for this profiler. */
    @Override
    public String getDescription() {
        return "The 1-minute load average of /proc/loadavg after each iteration";
    }

    /** Nothing: the load average is read after the iteration. */
    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    /** The 1-minute load average now, as the secondary result {@value #LABEL}; nothing without /proc/loadavg. */
    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        Double load = read();
        // MAX: JMH's summary of the iterations then says how loaded the worst one was.
        return load == null ? List.of() : List.of(new ScalarResult(LABEL, load, "load", AggregationPolicy.MAX));
    }

    /** The first field of {@code /proc/loadavg}, or null when there is none. */
    static Double read() {
        try {
            return parse(Files.readString(LOADAVG));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The 1-minute load average of a {@code /proc/loadavg} line such as {@code "0.52 0.41 0.30 1/210 4242"}.
     */
    static double parse(String line) {
        return Double.parseDouble(line.trim().split("\\s+")[0]);
    }
}
