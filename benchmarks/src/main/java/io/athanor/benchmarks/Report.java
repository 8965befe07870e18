package io.athanor.benchmarks;

import io.athanor.benchmarks.Bootstrap.Interval;
import io.athanor.benchmarks.JmhResults.Measurement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns JMH's JSON results into a Markdown table and one SVG chart per database, claiming only what the
 * samples support.
 *
 * <p>Every benchmark is compared with raw JDBC measured in the same run (lower is better). The JDBC
 * baseline of a workload, database and thread count is the fastest (lowest mean time) of its
 * hand-written JDBC methods, those whose name starts with {@code jdbc}: an ORM is held to the best of
 * them, not to the one that happens to be called {@code jdbc}. Athanor's methods (starting with
 * {@code athanor}) are also compared with the fastest method starting with {@code hibernate}.
 *
 * <p>Each ratio is the ratio of mean times with a 95% bootstrap interval over the measured iterations
 * ({@link Bootstrap}), next to the ratio of the medians. A benchmark is called faster or slower than
 * another only where the whole interval lies below or above 1.0; otherwise the table says "within noise".
 *
 * <p>Rows are sorted by database, workload, thread count, then the JDBC methods, Athanor's, and the other
 * peers, each group alphabetically.
 */
public final class Report {

    static final String JDBC = "jdbc";
    static final String ATHANOR = "athanor";
    static final String HIBERNATE = "hibernate";

    /**
     * The load average a benchmark's own threads may add before its run counts as overloaded: its thread
     * count plus this. 1.5 puts a single-threaded benchmark's limit at 2.5 on this 2-core machine: its own
     * thread, the JIT and the collector, and less than one more core's worth of anything else.
     */
    static final double DEFAULT_LOAD_EXCESS = 1.5;

    /**
     * The fewest samples on each side for a verdict: with fewer, a bootstrap interval is too rough to call
     * anything faster or slower (the quick tier's runs fall below it on purpose).
     */
    static final int MIN_SAMPLES_FOR_VERDICT = 10;

    static final Comparator<Measurement> ORDER = Comparator.comparing(Measurement::database)
            .thenComparing(Measurement::workload)
            .thenComparingInt(Measurement::threads)
            .thenComparingInt(measurement -> family(measurement.peer()))
            .thenComparing(Measurement::peer);

    private static final String USAGE = "usage: Report [--svg-dir <dir> --svg-prefix <prefix>] [--load-excess <x>]"
            + " [--overloaded] <jmh-result.json>...";

    private Report() {
    }

    /**
     * One row of the table: a measurement, its summary and its comparisons.
     *
     * @param baseline         whether it is the JDBC baseline of its group
     * @param vsJdbc           its ratio to the baseline; null where the group has no JDBC method
     * @param medianRatio      its median over the baseline's; NaN where the group has no JDBC method
     * @param jdbcVerdict      "baseline", "faster", "slower", "within noise", "too few samples" or "n/a"
     * @param vsHibernate      for Athanor's methods, the ratio to the fastest Hibernate method; else null
     * @param hibernateVerdict the verdict of {@code vsHibernate}; empty without one
     */
    record Row(Measurement measurement, double mean, double median, boolean baseline, Interval vsJdbc,
               double medianRatio, String jdbcVerdict, Interval vsHibernate, String hibernateVerdict) {
    }

    /**
     * Prints the table for JMH JSON files of one run (given in the order they were written, see
     * {@link JmhResults#merge}); with {@code --svg-dir} and {@code --svg-prefix} writes
     * {@code <dir>/<prefix>-<database>.svg} for each database. With {@code --overloaded} prints instead one
     * line per benchmark whose load went over its threshold, {@code <database> <threads> <benchmark>}, for
     * run.sh to measure again.
     *
     * @param args options, then the JSON files written by {@code -rf json -rff <file>}
     * @throws IOException when a file cannot be read or a chart cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--svg-dir", "--svg-prefix", "--load-excess" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(USAGE);
                    }
                    options.put(args[i], args[++i]);
                }
                case "--overloaded" -> options.put("--overloaded", "");
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException(USAGE);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        // Both or neither: a prefix alone would be silently ignored, a directory alone would need a made-up prefix.
        if (files.isEmpty() || options.containsKey("--svg-dir") != options.containsKey("--svg-prefix")) {
            throw new IllegalArgumentException(USAGE);
        }
        double excess = Double.parseDouble(options.getOrDefault("--load-excess", String.valueOf(DEFAULT_LOAD_EXCESS)));
        List<Measurement> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(JmhResults.read(file));
        }
        List<Measurement> measurements = JmhResults.merge(all);
        if (options.containsKey("--overloaded")) {
            for (Measurement measurement : overloaded(measurements, excess)) {
                System.out.println(measurement.database() + " " + measurement.threads() + " " + measurement.benchmark());
            }
            return;
        }
        List<Row> rows = rows(measurements);
        System.out.print(method(measurements, excess));
        System.out.println();
        System.out.print(markdown(rows, excess));
        System.out.println();
        System.out.println("Fastest of each workload, named alone only where separated from every other:");
        System.out.println();
        System.out.print(winners(measurements));
        if (options.containsKey("--svg-dir")) {
            Path dir = Files.createDirectories(Path.of(options.get("--svg-dir")));
            for (String database : databases(measurements)) {
                Files.writeString(dir.resolve(options.get("--svg-prefix") + "-" + database + ".svg"),
                        Chart.svg(rows, database));
            }
        }
    }

    /** Compares every measurement with the baselines of its group; the rows in table order. */
    static List<Row> rows(List<Measurement> measurements) {
        Map<String, Measurement> jdbc = fastest(measurements, JDBC);
        Map<String, Measurement> hibernate = fastest(measurements, HIBERNATE);
        List<Row> rows = new ArrayList<>();
        for (Measurement measurement : sorted(measurements)) {
            Measurement base = jdbc.get(measurement.group());
            Measurement bestHibernate = hibernate.get(measurement.group());
            double[] samples = measurement.samples();
            boolean baseline = base == measurement;
            Interval vsJdbc = base == null ? null
                    : baseline ? new Interval(1, 1, 1) : Bootstrap.ratioOfMeans(samples, base.samples());
            double medianRatio = base == null ? Double.NaN
                    : Bootstrap.median(samples) / Bootstrap.median(base.samples());
            Interval vsHibernate = measurement.peer().startsWith(ATHANOR) && bestHibernate != null
                    ? Bootstrap.ratioOfMeans(samples, bestHibernate.samples()) : null;
            String jdbcVerdict = base == null ? "n/a" : baseline ? "baseline" : verdict(vsJdbc, measurement, base);
            String hibernateVerdict = vsHibernate == null ? "" : verdict(vsHibernate, measurement, bestHibernate);
            rows.add(new Row(measurement, Bootstrap.mean(samples), Bootstrap.median(samples), baseline, vsJdbc,
                    medianRatio, jdbcVerdict, vsHibernate, hibernateVerdict));
        }
        return rows;
    }

    /**
     * One line per workload, database and thread count naming the fastest benchmark, and the others whose
     * interval against it contains 1.0: a winner is named alone only where it is separated from every
     * other. Groups with fewer than {@link #MIN_SAMPLES_FOR_VERDICT} samples on a side name none.
     */
    static String winners(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement measurement : sorted(measurements)) {
            groups.computeIfAbsent(measurement.group(), group -> new ArrayList<>()).add(measurement);
        }
        StringBuilder lines = new StringBuilder();
        for (List<Measurement> group : groups.values()) {
            Measurement first = group.get(0);
            Measurement fastest = group.stream()
                    .min(Comparator.comparingDouble(measurement -> Bootstrap.mean(measurement.samples()))).orElseThrow();
            String where = String.format(Locale.ROOT, "- %s on %s, %d %s: ", first.workload(), first.database(),
                    first.threads(), first.threads() == 1 ? "thread" : "threads");
            if (group.stream().anyMatch(measurement -> measurement.samples().length < MIN_SAMPLES_FOR_VERDICT)) {
                lines.append(where).append("too few samples to name the fastest\n");
                continue;
            }
            List<String> tied = new ArrayList<>();
            for (Measurement other : group) {
                if (other != fastest && !Bootstrap.ratioOfMeans(other.samples(), fastest.samples()).above1()) {
                    tied.add(other.peer());
                }
            }
            lines.append(where).append("fastest ").append(fastest.peer()).append(tied.isEmpty()
                    ? ", separated from every other\n" : "; within noise of it: " + String.join(", ", tied) + "\n");
        }
        return lines.toString();
    }

    /** The measurement with the lowest mean among methods starting with {@code prefix}, by group. */
    static Map<String, Measurement> fastest(List<Measurement> measurements, String prefix) {
        Map<String, Measurement> fastest = new HashMap<>();
        for (Measurement measurement : measurements) {
            if (measurement.peer().startsWith(prefix)) {
                fastest.merge(measurement.group(), measurement, (a, b) ->
                        Bootstrap.mean(b.samples()) < Bootstrap.mean(a.samples()) ? b : a);
            }
        }
        return fastest;
    }

    /** The measurements whose highest load average went over {@code threads + excess}, in table order. */
    static List<Measurement> overloaded(List<Measurement> measurements, double excess) {
        return sorted(measurements).stream()
                .filter(measurement -> measurement.loadMax() > measurement.threads() + excess)
                .toList();
    }

    /**
     * The paragraph above the table: what a sample is, how many there are, the JVM flags of the forks,
     * how intervals and verdicts are made, and the load threshold.
     */
    static String method(List<Measurement> measurements, double excess) {
        TreeSet<Integer> counts = new TreeSet<>();
        Set<String> flags = new LinkedHashSet<>();
        Map<String, Set<String>> iterations = new TreeMap<>();
        for (Measurement measurement : measurements) {
            counts.add(measurement.samples().length);
            flags.add(String.join(" ", measurement.jvmArgs()));
            iterations.computeIfAbsent(measurement.iteration(), time -> new TreeSet<>()).add(measurement.workload());
        }
        List<String> lengths = new ArrayList<>();
        iterations.forEach((time, workloads) -> lengths.add(time + " (" + String.join(", ", workloads) + ")"));
        String samples = counts.isEmpty() ? "none"
                : counts.size() == 1 ? String.valueOf(counts.first()) : counts.first() + " to " + counts.last();
        return String.format(Locale.ROOT, """
                - A sample is one measured iteration: the mean time per operation over the iteration, which \
                lasts %s. Samples per benchmark: %s.
                - JVM flags of every fork: %s.
                - Ratios are of mean times, to the fastest raw JDBC method of the same workload, database and \
                thread count (lower is better), with a 95%% bootstrap interval over the iterations (%,d \
                resamples of each side, seed %d); the median ratio is shown next to it.
                - "faster" or "slower" is said only where the whole interval lies below or above 1.00x; \
                otherwise "within noise"; with fewer than %d samples on either side, "too few samples".
                - Load max: the highest 1-minute load average after an iteration; "over" marks runs above the \
                thread count + %.1f, "rerun" those measured a second time (the table shows the last run).
                """, String.join("; ", lengths), samples, flags.isEmpty() ? "unknown" : String.join("; ", flags.stream()
                .map(flag -> "`" + flag + "`").toList()), Bootstrap.RESAMPLES, Bootstrap.SEED, MIN_SAMPLES_FOR_VERDICT,
                excess);
    }

    /**
     * The Markdown table; the allocation column only when an allocation pass measured something, the load
     * column only when the load was recorded.
     */
    static String markdown(List<Row> rows, double excess) {
        boolean allocation = rows.stream().anyMatch(row -> !Double.isNaN(row.measurement().allocation()));
        boolean load = rows.stream().anyMatch(row -> row.measurement().loads().length > 0);
        StringBuilder table = new StringBuilder("| workload | database | threads | peer | mean | median "
                + "| ratio to JDBC [95%] | median ratio | vs JDBC | Athanor ÷ best Hibernate [95%] | vs Hibernate |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|---|---|---|---|");
        if (allocation) {
            table.append(" allocated B/op |");
            rule.append("---|");
        }
        if (load) {
            table.append(" load max |");
            rule.append("---|");
        }
        table.append('\n').append(rule).append('\n');
        for (Row row : rows) {
            Measurement measurement = row.measurement();
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f %s | %.3f %s | %s | %s | %s | %s | %s |",
                    measurement.workload(), measurement.database(), measurement.threads(), measurement.peer(),
                    row.mean(), measurement.unit(), row.median(), measurement.unit(), jdbcRatio(row),
                    Double.isNaN(row.medianRatio()) ? "n/a" : times(row.medianRatio()),
                    row.jdbcVerdict(), row.vsHibernate() == null ? "" : interval(row.vsHibernate()),
                    row.hibernateVerdict()));
            if (allocation) {
                table.append(Double.isNaN(measurement.allocation()) ? " n/a |"
                        : String.format(Locale.ROOT, " %,.0f |", measurement.allocation()));
            }
            if (load) {
                table.append(' ').append(loadCell(measurement, excess)).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static String jdbcRatio(Row row) {
        if (row.vsJdbc() == null) {
            return "n/a";
        }
        return row.baseline() ? "1.00x (baseline)" : interval(row.vsJdbc());
    }

    /** {@link #verdict(Interval)}, or "too few samples" where either side has fewer than {@link #MIN_SAMPLES_FOR_VERDICT}. */
    private static String verdict(Interval interval, Measurement measurement, Measurement baseline) {
        int samples = Math.min(measurement.samples().length, baseline.samples().length);
        return samples < MIN_SAMPLES_FOR_VERDICT ? "too few samples" : verdict(interval);
    }

    /** "faster" or "slower" where the interval excludes 1.0, else "within noise". */
    static String verdict(Interval interval) {
        if (interval.below1()) {
            return "faster";
        }
        return interval.above1() ? "slower" : "within noise";
    }

    /** A ratio and its interval, {@code 1.23x [1.10–1.35]}. */
    static String interval(Interval interval) {
        return String.format(Locale.ROOT, "%s [%.2f–%.2f]", times(interval.point()), interval.low(), interval.high());
    }

    private static String loadCell(Measurement measurement, double excess) {
        double max = measurement.loadMax();
        String cell = Double.isNaN(max) ? "n/a" : String.format(Locale.ROOT, "%.2f", max);
        if (max > measurement.threads() + excess) {
            cell += " over";
        }
        return measurement.runs() > 1 ? cell + " rerun" : cell;
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static List<Measurement> sorted(List<Measurement> measurements) {
        List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort(ORDER);
        return sorted;
    }

    /** 0 for raw JDBC, 1 for Athanor, 2 for every other peer. */
    static int family(String peer) {
        if (peer.startsWith(JDBC)) {
            return 0;
        }
        return peer.startsWith(ATHANOR) ? 1 : 2;
    }

    /** The databases of a run, in alphabetical order. */
    static List<String> databases(List<Measurement> measurements) {
        TreeSet<String> databases = new TreeSet<>();
        measurements.forEach(measurement -> databases.add(measurement.database()));
        return new ArrayList<>(databases);
    }
}
