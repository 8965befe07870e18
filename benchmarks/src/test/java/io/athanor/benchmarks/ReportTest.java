package io.athanor.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The results table and charts: each peer's score next to its ratio to raw JDBC from the same run. */
class ReportTest {

    private static final String HEADER = """
            "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: database"
            """;

    private static final String CSV = HEADER + """
            "io.athanor.benchmarks.GetByKeyBenchmark.athanorSession","avgt",1,5,3.000000,0.250000,"ms/op",h2
            "io.athanor.benchmarks.GetByKeyBenchmark.jdbc","avgt",1,5,2.000000,NaN,"ms/op",h2
            """;

    /** Two databases, two workloads, several JDBC and Hibernate variants, in no particular order. */
    private static final String PEERS = HEADER + """
            "io.athanor.benchmarks.ParentChildBenchmark.hibernate","avgt",1,5,6.000000,0.100000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.hibernate","avgt",1,5,40.000000,1.000000,"ms/op",postgresql
            "io.athanor.benchmarks.ParentChildBenchmark.athanorSession","avgt",1,5,3.000000,0.100000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.jooq","avgt",1,5,11.000000,0.500000,"ms/op",h2
            "io.athanor.benchmarks.ParentChildBenchmark.jdbcTwoQueries","avgt",1,5,4.000000,0.100000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.athanorSession","avgt",1,5,12.000000,0.500000,"ms/op",h2
            "io.athanor.benchmarks.ParentChildBenchmark.hibernateFetchJoin","avgt",1,5,5.000000,0.100000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.jdbc","avgt",1,5,20.000000,1.000000,"ms/op",postgresql
            "io.athanor.benchmarks.ParentChildBenchmark.jdbcJoin","avgt",1,5,2.000000,0.100000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.jdbc","avgt",1,5,10.000000,0.500000,"ms/op",h2
            "io.athanor.benchmarks.InsertBenchmark.athanorSession","avgt",1,5,30.000000,1.000000,"ms/op",postgresql
            """;

    @Test
    void eachPeerIsShownWithItsRatioToJdbcOfTheSameWorkloadAndDatabase(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("results.csv"), CSV);

        assertThat(Report.markdown(Report.read(csv))).isEqualTo("""
                | workload | database | peer | score | error | ratio to JDBC | Athanor ÷ Hibernate |
                |---|---|---|---|---|---|---|
                | GetByKey | h2 | jdbc | 2.000 ms/op | n/a | 1.00x |  |
                | GetByKey | h2 | athanorSession | 3.000 ms/op | ± 0.250 | 1.50x | n/a |
                """);
    }

    @Test
    void theBaselineIsTheFastestOfTheHandWrittenJdbcVariants(@TempDir Path dir) throws IOException {
        List<String> rows = rows(dir, "ParentChild");

        // jdbcJoin (2 ms) beats jdbcTwoQueries (4 ms), so every ParentChild ratio is to 2 ms.
        assertThat(rows).containsExactly(
                "| ParentChild | h2 | jdbcJoin | 2.000 ms/op | ± 0.100 | 1.00x |  |",
                "| ParentChild | h2 | jdbcTwoQueries | 4.000 ms/op | ± 0.100 | 2.00x |  |",
                "| ParentChild | h2 | athanorSession | 3.000 ms/op | ± 0.100 | 1.50x | 0.60x |",
                "| ParentChild | h2 | hibernate | 6.000 ms/op | ± 0.100 | 3.00x |  |",
                "| ParentChild | h2 | hibernateFetchJoin | 5.000 ms/op | ± 0.100 | 2.50x |  |");
    }

    @Test
    void athanorIsComparedWithTheFastestHibernateOfTheSameWorkloadAndDatabase(@TempDir Path dir)
            throws IOException {
        List<String> rows = rows(dir, "Insert");

        // H2's Insert has no Hibernate peer; PostgreSQL's does (40 ms against Athanor's 30 ms).
        assertThat(rows).containsExactly(
                "| Insert | h2 | jdbc | 10.000 ms/op | ± 0.500 | 1.00x |  |",
                "| Insert | h2 | athanorSession | 12.000 ms/op | ± 0.500 | 1.20x | n/a |",
                "| Insert | h2 | jooq | 11.000 ms/op | ± 0.500 | 1.10x |  |",
                "| Insert | postgresql | jdbc | 20.000 ms/op | ± 1.000 | 1.00x |  |",
                "| Insert | postgresql | athanorSession | 30.000 ms/op | ± 1.000 | 1.50x | 0.75x |",
                "| Insert | postgresql | hibernate | 40.000 ms/op | ± 1.000 | 2.00x |  |");
    }

    @Test
    void rowsAreSortedByDatabaseWorkloadThenJdbcAthanorAndTheRestAlphabetically(@TempDir Path dir)
            throws IOException {
        List<String> order = new ArrayList<>();
        for (String row : rows(dir, "")) {
            String[] cells = row.split(" \\| ");
            order.add(cells[1] + " " + cells[0].substring(2) + " " + cells[2]);
        }

        assertThat(order).containsExactly(
                "h2 Insert jdbc",
                "h2 Insert athanorSession",
                "h2 Insert jooq",
                "h2 ParentChild jdbcJoin",
                "h2 ParentChild jdbcTwoQueries",
                "h2 ParentChild athanorSession",
                "h2 ParentChild hibernate",
                "h2 ParentChild hibernateFetchJoin",
                "postgresql Insert jdbc",
                "postgresql Insert athanorSession",
                "postgresql Insert hibernate");
    }

    @Test
    void profilerRowsAndExtraParametersAreIgnored(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("results.csv"), """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",\
                "Param: batch","Param: database"
                "io.athanor.benchmarks.InsertBenchmark.jdbc","avgt",1,5,2.000000,0.100000,"ms/op",100,h2
                "io.athanor.benchmarks.InsertBenchmark.jdbc:gc.alloc.rate","avgt",1,5,900.000000,NaN,"MB/sec",100,h2
                """);

        assertThat(Report.read(csv)).containsExactly(
                new Report.Score("Insert", "jdbc", "h2", 2.0, 0.1, "ms/op"));
    }

    @Test
    void theChartHasABarPerScoreOfItsDatabaseAndALineAtOneTimesJdbc(@TempDir Path dir) throws Exception {
        List<Report.Score> scores = Report.read(Files.writeString(dir.resolve("results.csv"), PEERS));

        Document svg = parse(Report.svg(scores, "h2"));

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(8);
        assertThat(elements(svg, "line").stream().filter(line -> line.getAttribute("class").equals("baseline")))
                .hasSize(1);
        assertThat(texts(svg, "text")).contains(
                "Insert", "ParentChild", "1.0x = JDBC",
                "jdbc 1.00x", "athanorSession 1.20x", "jooq 1.10x",
                "jdbcJoin 1.00x", "jdbcTwoQueries 2.00x", "athanorSession 1.50x", "hibernate 3.00x",
                "hibernateFetchJoin 2.50x")
                .doesNotContain("hibernate 2.00x");
        assertThat(parse(Report.svg(scores, "postgresql")).getElementsByTagName("rect").getLength()).isEqualTo(3);
    }

    @Test
    void athanorBarsShareAColourJdbcIsGreyAndEachOtherLibraryHasItsOwn(@TempDir Path dir) throws Exception {
        List<Report.Score> scores = Report.read(Files.writeString(dir.resolve("results.csv"), PEERS));

        Map<String, String> fills = new LinkedHashMap<>();
        for (Element rect : elements(parse(Report.svg(scores, "h2")), "rect")) {
            String title = rect.getElementsByTagName("title").item(0).getTextContent();
            fills.put(title.substring(0, title.indexOf(':')), rect.getAttribute("fill"));
        }

        assertThat(fills).containsEntry("Insert, jdbc", "#8c8c8c")
                .containsEntry("ParentChild, jdbcJoin", "#8c8c8c")
                .containsEntry("ParentChild, jdbcTwoQueries", "#8c8c8c")
                .containsEntry("Insert, athanorSession", "#e66101")
                .containsEntry("ParentChild, athanorSession", "#e66101");
        // The variants of one library (hibernate, hibernateFetchJoin) share its colour.
        assertThat(fills.get("ParentChild, hibernateFetchJoin")).isEqualTo(fills.get("ParentChild, hibernate"));
        assertThat(List.of(fills.get("ParentChild, hibernate"), fills.get("Insert, jooq"), "#8c8c8c", "#e66101"))
                .doesNotHaveDuplicates();
    }

    @Test
    void textIsEscapedSoTheChartStaysWellFormed() throws Exception {
        List<Report.Score> scores = List.of(
                new Report.Score("Insert", "jdbc", "a<b & 'c'", 1.0, 0.1, "ms/op"),
                new Report.Score("Insert", "athanorSession", "a<b & 'c'", 2.0, 0.1, "ms/op"));

        Document svg = parse(Report.svg(scores, "a<b & 'c'"));

        assertThat(texts(svg, "title")).contains("Athanor benchmarks on a<b & 'c': time relative to raw JDBC");
        assertThat(Report.escape("<a & \"b\" 'c'>")).isEqualTo("&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
    }

    @Test
    void theCommandLineWritesAChartPerDatabase(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("results.csv"), PEERS);
        Path charts = dir.resolve("charts");

        Report.main(new String[] {csv.toString(), "--svg-dir", charts.toString(), "--svg-prefix", "2026-01-02-quick"});

        try (var files = Files.list(charts)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("2026-01-02-quick-h2.svg", "2026-01-02-quick-postgresql.svg");
        }
        assertThat(parse(Files.readString(charts.resolve("2026-01-02-quick-postgresql.svg")))
                .getElementsByTagName("rect").getLength()).isEqualTo(3);
    }

    @Test
    void axisTicksAreOneTwoAndFiveTimesPowersOfTen() {
        assertThat(plain(Report.tickBelow(1.0))).isEqualTo("0.5");
        assertThat(plain(Report.tickBelow(0.8))).isEqualTo("0.5");
        assertThat(plain(Report.tickBelow(3.0))).isEqualTo("2");
        assertThat(plain(Report.tickAtOrAbove(1.0))).isEqualTo("1");
        assertThat(plain(Report.tickAtOrAbove(0.3))).isEqualTo("0.5");
        assertThat(plain(Report.tickAtOrAbove(159.1))).isEqualTo("200");
    }

    private static String plain(BigDecimal tick) {
        return tick.stripTrailingZeros().toPlainString();
    }

    /** The table rows (without the header) whose workload starts with {@code workload}. */
    private static List<String> rows(Path dir, String workload) throws IOException {
        Path csv = Files.writeString(dir.resolve("results.csv"), PEERS);
        List<String> lines = Report.markdown(Report.read(csv)).lines().toList();
        return lines.subList(2, lines.size()).stream().filter(row -> row.startsWith("| " + workload)).toList();
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
