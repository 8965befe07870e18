package io.athanor.benchmarks;

import io.athanor.benchmarks.Bootstrap.Interval;
import io.athanor.benchmarks.JmhResults.Measurement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The results report: JMH's JSON read and merged, ratios to raw JDBC with bootstrap intervals, verdicts
 * only where the intervals are separated, and charts with error bars.
 */
class ReportTest {

    /** A JMH JSON file as {@code -rf json} writes it, cut down to what the report reads: 2 forks × 2 iterations. */
    private static final String JSON = """
            [
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "io.athanor.benchmarks.GetByKeyBenchmark.athanorSession",
                    "mode" : "avgt",
                    "threads" : 1,
                    "forks" : 2,
                    "jvmArgs" : [ "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC" ],
                    "measurementTime" : "1 s",
                    "params" : { "database" : "postgresql" },
                    "primaryMetric" : {
                        "score" : 2.5,
                        "scoreError" : "NaN",
                        "scoreUnit" : "ms/op",
                        "rawData" : [ [ 2.0, 3.0 ], [ 2.5, 2.5 ] ]
                    },
                    "secondaryMetrics" : {
                        "loadavg.1min" : { "score" : 1.25, "scoreUnit" : "load", "rawData" : [ [ 1.0, 1.25 ], [ 0.5, 0.75 ] ] }
                    }
                },
                {
                    "benchmark" : "io.athanor.benchmarks.ConcurrentGetByKeyBenchmark.jdbc",
                    "threads" : 8,
                    "jvmArgs" : [ "-Xms2g" ],
                    "params" : { "database" : "h2" },
                    "primaryMetric" : { "scoreUnit" : "us/op", "rawData" : [ [ 150.0 ] ] },
                    "secondaryMetrics" : { }
                }
            ]
            """;

    private static final List<String> FLAGS = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC");

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] athanor = noisy(2.0, 0.1, 30, 1);
        double[] jdbc = noisy(1.0, 0.05, 30, 2);

        assertThat(Bootstrap.ratioOfMeans(athanor, jdbc, 2_000, 9)).isEqualTo(Bootstrap.ratioOfMeans(athanor, jdbc, 2_000, 9));
    }

    @Test
    void theIntervalContainsTheTrueRatioOfNoisySamples() {
        Interval interval = Bootstrap.ratioOfMeans(noisy(2.0, 0.1, 30, 3), noisy(1.0, 0.05, 30, 4));

        assertThat(interval.low()).isLessThan(2.0);
        assertThat(interval.high()).isGreaterThan(2.0);
        assertThat(interval.high() - interval.low()).isLessThan(0.15);
    }

    @Test
    void samplesWithoutSpreadGiveAnIntervalOfOnePoint() {
        assertThat(Bootstrap.ratioOfMeans(new double[] {3, 3, 3}, new double[] {2, 2})).isEqualTo(new Interval(1.5, 1.5, 1.5));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Bootstrap.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Bootstrap.median(new double[] {5, 1, 3})).isEqualTo(3);
    }

    @Test
    void anIntervalWhollyBelowOrAboveOneIsFasterOrSlower() {
        assertThat(Report.verdict(new Interval(0.8, 0.7, 0.9))).isEqualTo("faster");
        assertThat(Report.verdict(new Interval(1.2, 1.1, 1.3))).isEqualTo("slower");
    }

    @Test
    void anIntervalThatContainsOneIsWithinNoise() {
        assertThat(Report.verdict(new Interval(0.97, 0.90, 1.05))).isEqualTo("within noise");
        assertThat(Report.verdict(new Interval(1.03, 0.99, 1.08))).isEqualTo("within noise");
    }

    @Test
    void jmhJsonIsReadIntoTheSamplesOfEveryForkAndIteration() {
        List<Measurement> measurements = JmhResults.parse(JSON);

        Measurement athanor = measurements.get(0);
        assertThat(athanor.workload()).isEqualTo("GetByKey");
        assertThat(athanor.peer()).isEqualTo("athanorSession");
        assertThat(athanor.database()).isEqualTo("postgresql");
        assertThat(athanor.threads()).isEqualTo(1);
        assertThat(athanor.unit()).isEqualTo("ms/op");
        assertThat(athanor.samples()).containsExactly(2.0, 3.0, 2.5, 2.5);
        assertThat(athanor.loads()).containsExactly(1.0, 1.25, 0.5, 0.75);
        assertThat(athanor.loadMax()).isEqualTo(1.25);
        assertThat(athanor.allocation()).isNaN();
        assertThat(athanor.jvmArgs()).isEqualTo(FLAGS);
        assertThat(athanor.iteration()).isEqualTo("1 s");
        Measurement concurrent = measurements.get(1);
        assertThat(concurrent.group()).isEqualTo("ConcurrentGetByKey/h2/8");
        assertThat(concurrent.loads()).isEmpty();
        assertThat(concurrent.loadMax()).isNaN();
    }

    @Test
    void aRerunReplacesTheSamplesItRepeatsAndTheAllocationPassAddsBytesPerOperation() {
        Measurement first = measurement("Insert", "jdbc", "h2", 1, 10, 11);
        Measurement rerun = measurement("Insert", "jdbc", "h2", 1, 9, 9.5);
        Measurement gc = new Measurement(first.benchmark(), "h2", 1, "ms/op", new double[] {12}, 4_096, new double[0],
                1, FLAGS, "1 s");

        List<Measurement> merged = JmhResults.merge(List.of(first, gc, rerun));

        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).samples()).containsExactly(9, 9.5);
        assertThat(merged.get(0).runs()).isEqualTo(2);
        assertThat(merged.get(0).allocation()).isEqualTo(4_096);
    }

    @Test
    void aSeparatedRatioIsShownWithItsIntervalMedianAndVerdict() {
        List<String> rows = rows(List.of(
                measurement("Insert", "jdbc", "h2", 1, constant(10)),
                measurement("Insert", "jooq", "h2", 1, constant(15))));

        assertThat(rows).containsExactly(
                "| Insert | h2 | 1 | jdbc | 10.000 ms/op | 10.000 ms/op | 1.00x (baseline) | 1.00x | baseline |  |  |",
                "| Insert | h2 | 1 | jooq | 15.000 ms/op | 15.000 ms/op | 1.50x [1.50–1.50] | 1.50x | slower |  |  |");
    }

    @Test
    void overlappingSamplesAreNeverCalledFaster() {
        List<String> rows = rows(List.of(
                measurement("Insert", "jdbc", "h2", 1, 10, 12, 11, 13, 9, 12, 10, 12, 11, 13, 9, 12),
                measurement("Insert", "athanorSession", "h2", 1, 11, 9, 12, 10, 11, 10, 11, 9, 12, 10, 11, 10)));

        String athanor = rows.get(1);
        assertThat(athanor).contains("| athanorSession |").contains("| within noise |");
        assertThat(athanor).doesNotContain("faster").doesNotContain("slower");
    }

    @Test
    void fewerThanTenSamplesOnEitherSideGetNoVerdict() {
        List<String> rows = rows(List.of(
                measurement("Insert", "jdbc", "h2", 1, constant(10)),
                measurement("Insert", "jooq", "h2", 1, 15, 15, 15, 15, 15, 15, 15, 15, 15)));

        assertThat(rows.get(1)).isEqualTo(
                "| Insert | h2 | 1 | jooq | 15.000 ms/op | 15.000 ms/op | 1.50x [1.50–1.50] | 1.50x | too few samples |  |  |");
    }

    @Test
    void aFastestBenchmarkSeparatedFromEveryOtherIsNamedAlone() {
        String winners = Report.winners(List.of(
                measurement("Insert", "jdbc", "h2", 1, constant(10)),
                measurement("Insert", "athanorSession", "h2", 1, constant(9)),
                measurement("Insert", "hibernate", "h2", 1, constant(20))));

        assertThat(winners).isEqualTo("- Insert on h2, 1 thread: fastest athanorSession, separated from every other\n");
    }

    @Test
    void benchmarksWithinNoiseOfTheFastestAreNamedWithIt() {
        String winners = Report.winners(List.of(
                measurement("Insert", "jdbc", "h2", 8, 10, 12, 11, 13, 9, 12, 10, 12, 11, 13, 9, 12),
                measurement("Insert", "athanorSession", "h2", 8, 11, 9, 12, 10, 11, 10, 11, 9, 12, 10, 11, 10),
                measurement("Insert", "hibernate", "h2", 8, constant(20))));

        assertThat(winners).isEqualTo("- Insert on h2, 8 threads: fastest athanorSession; within noise of it: jdbc\n");
    }

    @Test
    void noFastestIsNamedWithTooFewSamples() {
        String winners = Report.winners(List.of(
                measurement("Insert", "jdbc", "h2", 1, constant(10)),
                measurement("Insert", "athanorSession", "h2", 1, 9, 9, 9)));

        assertThat(winners).isEqualTo("- Insert on h2, 1 thread: too few samples to name the fastest\n");
    }

    @Test
    void theBaselineIsTheFastestOfTheHandWrittenJdbcVariants() {
        List<Report.Row> rows = Report.rows(List.of(
                measurement("ParentChild", "jdbcTwoQueries", "h2", 1, 4, 4),
                measurement("ParentChild", "jdbcJoin", "h2", 1, 2, 2),
                measurement("ParentChild", "athanorJoined", "h2", 1, 3, 3)));

        assertThat(rows).extracting(row -> row.measurement().peer() + " " + row.baseline() + " " + row.vsJdbc().point())
                .containsExactly("jdbcJoin true 1.0", "jdbcTwoQueries false 2.0", "athanorJoined false 1.5");
    }

    @Test
    void athanorIsComparedWithTheFastestHibernateOfTheSameWorkloadDatabaseAndThreadCount() {
        List<String> rows = rows(List.of(
                measurement("ParentChild", "jdbcJoin", "h2", 1, constant(2)),
                measurement("ParentChild", "hibernateLazy", "h2", 1, constant(12)),
                measurement("ParentChild", "hibernateJoinFetch", "h2", 1, constant(6)),
                measurement("ParentChild", "athanorJoined", "h2", 1, constant(3)),
                measurement("ConcurrentGetByKey", "jdbc", "h2", 8, constant(100)),
                measurement("ConcurrentGetByKey", "athanorSession", "h2", 8, constant(150)),
                measurement("ConcurrentGetByKey", "hibernate", "h2", 8, constant(300)),
                measurement("ConcurrentGetByKey", "jdbc", "h2", 1, constant(50))));

        assertThat(rows).contains(
                "| ParentChild | h2 | 1 | athanorJoined | 3.000 ms/op | 3.000 ms/op | 1.50x [1.50–1.50] | 1.50x | slower "
                        + "| 0.50x [0.50–0.50] | faster |",
                "| ConcurrentGetByKey | h2 | 8 | athanorSession | 150.000 ms/op | 150.000 ms/op | 1.50x [1.50–1.50] "
                        + "| 1.50x | slower | 0.50x [0.50–0.50] | faster |");
    }

    @Test
    void rowsAreSortedByDatabaseWorkloadThreadsThenJdbcAthanorAndTheRestAlphabetically() {
        List<Report.Row> rows = Report.rows(List.of(
                measurement("Insert", "jooq", "postgresql", 1, 1),
                measurement("Insert", "hibernate", "h2", 1, 1),
                measurement("ConcurrentGetByKey", "jdbc", "h2", 8, 1),
                measurement("Insert", "athanorSession", "h2", 1, 1),
                measurement("ConcurrentGetByKey", "jdbc", "h2", 2, 1),
                measurement("Insert", "jdbc", "h2", 1, 1)));

        assertThat(rows).extracting(row -> row.measurement().database() + " " + row.measurement().workload() + " "
                + row.measurement().threads() + " " + row.measurement().peer()).containsExactly(
                "h2 ConcurrentGetByKey 2 jdbc",
                "h2 ConcurrentGetByKey 8 jdbc",
                "h2 Insert 1 jdbc",
                "h2 Insert 1 athanorSession",
                "h2 Insert 1 hibernate",
                "postgresql Insert 1 jooq");
    }

    @Test
    void allocationAndLoadColumnsAppearWhenMeasuredAndMarkOverloadedAndRerunBenchmarks() {
        Measurement jdbc = new Measurement("io.athanor.benchmarks.InsertBenchmark.jdbc", "h2", 1, "ms/op",
                new double[] {10}, 1_234_567, new double[] {1.1, 2.75}, 2, FLAGS, "1 s");

        String table = Report.markdown(Report.rows(List.of(jdbc)), 1.5);

        assertThat(table.lines().toList().get(0)).endsWith("| vs Hibernate | allocated B/op | load max |");
        assertThat(table.lines().toList().get(2)).endsWith("| baseline |  |  | 1,234,567 | 2.75 over rerun |");
    }

    @Test
    void benchmarksWhoseLoadWentOverTheirThreadsPlusTheExcessAreOverloaded() {
        List<Measurement> measurements = List.of(
                loaded("jdbc", 1, 2.4), loaded("athanorSession", 1, 2.6), loaded("hibernate", 8, 9.4),
                loaded("jooq", 8, 9.6));

        assertThat(Report.overloaded(measurements, 1.5)).extracting(Measurement::peer)
                .containsExactly("athanorSession", "jooq");
    }

    @Test
    void theMethodParagraphStatesTheIterationsSamplesAndTheFlagsOfTheForks() {
        Measurement insert = new Measurement("io.athanor.benchmarks.InsertBenchmark.jdbc", "h2", 1, "ms/op",
                new double[30], Double.NaN, new double[0], 1, FLAGS, "200 ms");
        String method = Report.method(List.of(insert, measurement("Fetch", "jdbc", "h2", 1, new double[30]),
                measurement("Update", "jdbc", "h2", 1, new double[30])), 1.5);

        assertThat(method).contains("which lasts 1 s (Fetch, Update); 200 ms (Insert). Samples per benchmark: 30.")
                .contains("JVM flags of every fork: `-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC`.")
                .contains("thread count + 1.5");
    }

    @Test
    void everyBarButTheBaselineHasAnErrorBarOverItsInterval() throws Exception {
        List<Report.Row> rows = Report.rows(List.of(
                measurement("Insert", "jdbc", "h2", 1, 10, 11, 9),
                measurement("Insert", "athanorSession", "h2", 1, 12, 13, 14),
                measurement("Insert", "hibernate", "h2", 1, 40, 30, 50),
                measurement("Insert", "jdbc", "postgresql", 1, 10)));

        Document svg = parse(Chart.svg(rows, "h2"));

        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(3);
        List<Element> errorBars = elements(svg, "line").stream()
                .filter(line -> line.getAttribute("class").equals("error-bar")).toList();
        assertThat(errorBars).hasSize(2);
        assertThat(elements(svg, "line").stream().filter(line -> line.getAttribute("class").equals("error-bar-cap")))
                .hasSize(4);
        Interval athanor = rows.get(1).vsJdbc();
        assertThat(texts(svg, "text")).contains("athanorSession " + Report.interval(athanor), "jdbc 1.00x");
        // The whisker spans from the interval's low end to its high end: left of the right end.
        Element whisker = errorBars.get(0);
        assertThat(Double.parseDouble(whisker.getAttribute("x1"))).isLessThan(Double.parseDouble(whisker.getAttribute("x2")));
    }

    @Test
    void workloadsRunAtSeveralThreadCountsAreChartedPerThreadCount() throws Exception {
        List<Report.Row> rows = Report.rows(List.of(
                measurement("ConcurrentGetByKey", "jdbc", "h2", 1, 10),
                measurement("ConcurrentGetByKey", "jdbc", "h2", 8, 40)));

        assertThat(texts(parse(Chart.svg(rows, "h2")), "text"))
                .contains("ConcurrentGetByKey × 1 thread", "ConcurrentGetByKey × 8 threads");
    }

    @Test
    void athanorBarsShareAColourJdbcIsGreyAndEachOtherLibraryHasItsOwn() throws Exception {
        List<Report.Row> rows = Report.rows(List.of(
                measurement("ParentChild", "jdbcJoin", "h2", 1, 2),
                measurement("ParentChild", "athanorJoined", "h2", 1, 3),
                measurement("ParentChild", "hibernateLazy", "h2", 1, 9),
                measurement("ParentChild", "hibernateJoinFetch", "h2", 1, 5),
                measurement("ParentChild", "jooqMultiset", "h2", 1, 4)));

        Map<String, String> fills = new LinkedHashMap<>();
        for (Element rect : elements(parse(Chart.svg(rows, "h2")), "rect")) {
            String title = rect.getElementsByTagName("title").item(0).getTextContent();
            fills.put(title.substring(title.indexOf(", ") + 2, title.indexOf(':')), rect.getAttribute("fill"));
        }

        assertThat(fills).containsEntry("jdbcJoin", "#8c8c8c").containsEntry("athanorJoined", "#e66101");
        assertThat(fills.get("hibernateJoinFetch")).isEqualTo(fills.get("hibernateLazy"));
        assertThat(List.of(fills.get("hibernateLazy"), fills.get("jooqMultiset"), "#8c8c8c", "#e66101")).doesNotHaveDuplicates();
    }

    @Test
    void textIsEscapedSoTheChartStaysWellFormed() throws Exception {
        List<Report.Row> rows = Report.rows(List.of(measurement("Insert", "jdbc", "a<b & 'c'", 1, 1)));

        Document svg = parse(Chart.svg(rows, "a<b & 'c'"));

        assertThat(texts(svg, "title")).contains("Athanor benchmarks on a<b & 'c': time relative to raw JDBC");
        assertThat(Chart.escape("<a & \"b\" 'c'>")).isEqualTo("&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
    }

    @Test
    void theCommandLineWritesAChartPerDatabaseFromTheJsonFiles(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("results.json"), JSON);
        Path charts = dir.resolve("charts");

        Report.main(new String[] {"--svg-dir", charts.toString(), "--svg-prefix", "2026-01-02-quick", json.toString()});

        try (var files = Files.list(charts)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("2026-01-02-quick-h2.svg", "2026-01-02-quick-postgresql.svg");
        }
    }

    @Test
    void jsonStringsNumbersLiteralsAndNestingAreParsed() {
        Object parsed = Json.parse(" {\"a\\\"b\\u0041\": [1, -2.5e1, true, false, null, \"NaN\"], \"c\": {}} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>(List.of(1.0, -25.0, true, false));
        values.add(null);
        values.add("NaN");
        expected.put("a\"bA", values);
        expected.put("c", Map.of());
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void malformedJsonIsRejectedWithItsOffset() {
        assertThatThrownBy(() -> Json.parse("[1, 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected ']' at offset 5 of the JSON");
    }

    @Test
    void theLoadAverageIsTheFirstFieldOfProcLoadavg() {
        assertThat(LoadAverageProfiler.parse("0.52 0.41 0.30 1/210 4242\n")).isEqualTo(0.52);
    }

    @Test
    void axisTicksAreOneTwoAndFiveTimesPowersOfTen() {
        assertThat(plain(Chart.tickBelow(1.0))).isEqualTo("0.5");
        assertThat(plain(Chart.tickBelow(0.8))).isEqualTo("0.5");
        assertThat(plain(Chart.tickBelow(3.0))).isEqualTo("2");
        assertThat(plain(Chart.tickAtOrAbove(1.0))).isEqualTo("1");
        assertThat(plain(Chart.tickAtOrAbove(0.3))).isEqualTo("0.5");
        assertThat(plain(Chart.tickAtOrAbove(159.1))).isEqualTo("200");
    }

    private static Measurement measurement(String workload, String peer, String database, int threads,
                                           double... samples) {
        return new Measurement("io.athanor.benchmarks." + workload + "Benchmark." + peer, database, threads, "ms/op",
                samples, Double.NaN, new double[0], 1, FLAGS, "1 s");
    }

    /** Ten samples of one value: enough for a verdict, an interval of one point. */
    private static double[] constant(double value) {
        double[] samples = new double[10];
        java.util.Arrays.fill(samples, value);
        return samples;
    }

    private static Measurement loaded(String peer, int threads, double load) {
        return new Measurement("io.athanor.benchmarks.GetByKeyBenchmark." + peer, "h2", threads, "ms/op",
                new double[] {1}, Double.NaN, new double[] {0.5, load}, 1, FLAGS, "1 s");
    }

    /** Samples around {@code mean} with Gaussian noise of {@code deviation}, from a fixed seed. */
    private static double[] noisy(double mean, double deviation, int count, long seed) {
        Random random = new Random(seed);
        double[] samples = new double[count];
        for (int i = 0; i < count; i++) {
            samples[i] = mean + deviation * random.nextGaussian();
        }
        return samples;
    }

    /** The table rows, without the header. */
    private static List<String> rows(List<Measurement> measurements) {
        List<String> lines = Report.markdown(Report.rows(measurements), 1.5).lines().toList();
        return lines.subList(2, lines.size());
    }

    private static String plain(BigDecimal tick) {
        return tick.stripTrailingZeros().toPlainString();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> texts(Document document, String tag) {
        return elements(document, tag).stream().map(Element::getTextContent).toList();
    }
}
