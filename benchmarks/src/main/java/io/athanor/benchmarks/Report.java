package io.athanor.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns JMH's CSV results into a Markdown table and, optionally, one SVG bar chart per database.
 *
 * <p>Every score is compared with raw JDBC measured in the same run (lower is better; 1.00x is the
 * physical limit). The JDBC baseline of a workload on a database is the fastest (lowest average time) of
 * its hand-written JDBC methods, those whose name starts with {@code jdbc}: usually just {@code jdbc},
 * but a workload such as a parent/child fetch may have several ({@code jdbcTwoQueries}, {@code jdbcJoin}),
 * and an ORM should be held to the best of them, not to the one that happens to be called {@code jdbc}.
 * Athanor's peers (methods starting with {@code athanor}) are also compared with Hibernate: the fastest
 * method starting with {@code hibernate} of the same workload and database.
 *
 * <p>Rows are sorted by database, workload, then the JDBC methods, Athanor's, and the other peers, each
 * group alphabetically.
 */
public final class Report {

    static final String JDBC = "jdbc";
    static final String ATHANOR = "athanor";
    static final String HIBERNATE = "hibernate";

    /** The order of the table and of the bars in a chart. */
    static final Comparator<Score> ORDER = Comparator.comparing(Score::database)
            .thenComparing(Score::workload)
            .thenComparingInt(score -> family(score.peer()))
            .thenComparing(Score::peer);

    private static final String USAGE = "usage: Report <jmh-results.csv> [--svg-dir <dir> --svg-prefix <prefix>]";

    private Report() {
    }

    /** One measured benchmark method. */
    record Score(String workload, String peer, String database, double score, double error, String unit) {

        /** The scores that share a baseline: same workload, same database. */
        String group() {
            return workload + "/" + database;
        }
    }

    /**
     * Prints the table for a JMH CSV file and, with {@code --svg-dir} and {@code --svg-prefix}, writes
     * {@code <dir>/<prefix>-<database>.svg} for each database in the results.
     *
     * @param args {@code <jmh-results.csv> [--svg-dir <dir> --svg-prefix <prefix>]}, the CSV being the file
     *             written by {@code -rf csv -rff <file>}
     * @throws IOException when the file cannot be read or a chart cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        List<Score> scores = read(Path.of(options.get("csv")));
        System.out.print(markdown(scores));
        if (options.containsKey("--svg-dir")) {
            Path dir = Files.createDirectories(Path.of(options.get("--svg-dir")));
            for (String database : databases(scores)) {
                Files.writeString(dir.resolve(options.get("--svg-prefix") + "-" + database + ".svg"),
                        svg(scores, database));
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--svg-dir") || arg.equals("--svg-prefix")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(USAGE);
                }
                options.put(arg, args[i + 1]);
                i += 2;
            } else if (!arg.startsWith("--") && !options.containsKey("csv")) {
                options.put("csv", arg);
                i++;
            } else {
                throw new IllegalArgumentException(USAGE);
            }
        }
        // Both or neither: a prefix alone would be silently ignored, a directory alone would need a made-up prefix.
        if (!options.containsKey("csv") || options.containsKey("--svg-dir") != options.containsKey("--svg-prefix")) {
            throw new IllegalArgumentException(USAGE);
        }
        return options;
    }

    /**
     * Reads the primary scores of a JMH CSV file, finding the columns by their header so that extra
     * {@code Param:} columns do not shift them.
     */
    static List<Score> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = cells(lines.get(0));
        int benchmark = column(header, "Benchmark");
        int score = column(header, "Score");
        int error = column(header, "Score Error");
        int unit = column(header, "Unit");
        int database = column(header, "Param: database");
        List<Score> scores = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = cells(line);
            String method = cells.get(benchmark);
            // Profilers (-prof gc) add rows such as "...jdbc:gc.alloc.rate"; they are not peers.
            if (method.contains(":")) {
                continue;
            }
            String[] parts = method.split("\\.");
            scores.add(new Score(parts[parts.length - 2].replace("Benchmark", ""), parts[parts.length - 1],
                    cells.get(database), number(cells.get(score)), number(cells.get(error)), cells.get(unit)));
        }
        return scores;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell);
        }
        return cells;
    }

    private static int column(List<String> header, String prefix) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalArgumentException("The JMH CSV has no '" + prefix + "' column: " + header);
    }

    private static double number(String cell) {
        return cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }

    /**
     * The Markdown table: each score with its error, its ratio to the JDBC baseline, and for Athanor's
     * peers their ratio to Hibernate ("n/a" when the run has no such baseline).
     */
    static String markdown(List<Score> scores) {
        Map<String, Double> jdbc = fastest(scores, JDBC);
        Map<String, Double> hibernate = fastest(scores, HIBERNATE);
        StringBuilder table = new StringBuilder(
                "| workload | database | peer | score | error | ratio to JDBC | Athanor ÷ Hibernate |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Score score : sorted(scores)) {
            String error = Double.isNaN(score.error()) ? "n/a"
                    : String.format(Locale.ROOT, "± %.3f", score.error());
            String versusHibernate = score.peer().startsWith(ATHANOR) ? ratioCell(score, hibernate) : "";
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f %s | %s | %s | %s |\n",
                    score.workload(), score.database(), score.peer(), score.score(), score.unit(), error,
                    ratioCell(score, jdbc), versusHibernate));
        }
        return table.toString();
    }

    private static String ratioCell(Score score, Map<String, Double> baselines) {
        Double base = baselines.get(score.group());
        return base == null ? "n/a" : times(score.score() / base);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** The lowest score of the methods whose name starts with {@code prefix}, by {@link Score#group()}. */
    static Map<String, Double> fastest(List<Score> scores, String prefix) {
        Map<String, Double> fastest = new HashMap<>();
        for (Score score : scores) {
            if (score.peer().startsWith(prefix)) {
                fastest.merge(score.group(), score.score(), Math::min);
            }
        }
        return fastest;
    }

    static List<Score> sorted(List<Score> scores) {
        List<Score> sorted = new ArrayList<>(scores);
        sorted.sort(ORDER);
        return sorted;
    }

    /** 0 for raw JDBC, 1 for Athanor, 2 for every other peer. */
    private static int family(String peer) {
        if (peer.startsWith(JDBC)) {
            return 0;
        }
        return peer.startsWith(ATHANOR) ? 1 : 2;
    }

    /** The databases of a run, in alphabetical order. */
    static List<String> databases(List<Score> scores) {
        TreeSet<String> databases = new TreeSet<>();
        scores.forEach(score -> databases.add(score.database()));
        return new ArrayList<>(databases);
    }

    /**
     * A horizontal bar chart of the ratios to JDBC on one database: a group of bars per workload, a bar per
     * peer, on a logarithmic axis (the ratios span from about 1x to over 100x), with a line at 1.0x.
     * Scores without a JDBC baseline have no ratio and get no bar.
     */
    static String svg(List<Score> scores, String database) {
        Map<String, Double> jdbc = fastest(scores, JDBC);
        Map<String, List<Bar>> workloads = new LinkedHashMap<>();
        for (Score score : sorted(scores)) {
            Double base = jdbc.get(score.group());
            if (score.database().equals(database) && base != null) {
                workloads.computeIfAbsent(score.workload(), workload -> new ArrayList<>())
                        .add(new Bar(score, score.score() / base));
            }
        }
        return new Chart(database, workloads).render();
    }

    /** One bar: a score and its ratio to the JDBC baseline. */
    private record Bar(Score score, double ratio) {
    }

    /** Lays out and draws one chart; every length is in SVG user units (pixels). */
    private static final class Chart {

        private static final int WIDTH = 900;
        private static final int PLOT_LEFT = 170;
        // Room to the right of the plot for the label of the longest bar.
        private static final int PLOT_RIGHT = 690;
        private static final int PLOT_TOP = 70;
        private static final int BAR_HEIGHT = 16;
        private static final int BAR_GAP = 4;
        private static final int GROUP_GAP = 14;
        private static final String ATHANOR_COLOUR = "#e66101";
        private static final String JDBC_COLOUR = "#8c8c8c";
        private static final String[] OTHER_COLOURS = {
                "#1f78b4", "#33a02c", "#6a3d9a", "#b15928", "#e7298a", "#17becf", "#a6761d", "#bcbd22"};

        private final String database;
        private final Map<String, List<Bar>> workloads;
        private final Map<String, String> otherColours = new LinkedHashMap<>();
        private final double low;
        private final double high;
        private final StringBuilder svg = new StringBuilder();

        Chart(String database, Map<String, List<Bar>> workloads) {
            this.database = database;
            this.workloads = workloads;
            TreeSet<String> others = new TreeSet<>();
            double min = 1;
            double max = 1;
            for (List<Bar> bars : workloads.values()) {
                for (Bar bar : bars) {
                    if (family(bar.score().peer()) == 2) {
                        others.add(library(bar.score().peer()));
                    }
                    min = Math.min(min, bar.ratio());
                    max = Math.max(max, bar.ratio());
                }
            }
            // A library keeps its colour across workloads and variants, so the eye can follow it down the chart.
            for (String library : others) {
                if (!otherColours.containsKey(library)) {
                    otherColours.put(library, OTHER_COLOURS[otherColours.size() % OTHER_COLOURS.length]);
                }
            }
            // Strictly below the smallest ratio, so that even the 1.00x JDBC bars have a length.
            low = tickBelow(min).doubleValue();
            high = tickAtOrAbove(max).doubleValue();
        }

        String render() {
            int plotBottom = PLOT_TOP + plotHeight();
            int height = plotBottom + 80;
            // The white background keeps the dark text readable where the page around the image is dark.
            svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                            + " font-family=\"sans-serif\" font-size=\"12\" style=\"background-color:#ffffff\">\n",
                    WIDTH, height, WIDTH, height));
            element("title", "Athanor benchmarks on " + database + ": time relative to raw JDBC");
            svg.append('\n');
            text(10, 24, "font-size=\"16\" font-weight=\"bold\"",
                    "Time per operation relative to raw JDBC — " + database);
            text(10, 44, "fill=\"#444444\"", "Each bar: a peer's average time ÷ the fastest hand-written JDBC "
                    + "method of the same workload. Lower is better; log scale.");
            axis(plotBottom);
            bars();
            baseline(plotBottom);
            legend(height - 18);
            svg.append("</svg>\n");
            return svg.toString();
        }

        private int plotHeight() {
            int height = 0;
            for (List<Bar> bars : workloads.values()) {
                height += bars.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + GROUP_GAP;
            }
            return Math.max(height, GROUP_GAP);
        }

        private void axis(int plotBottom) {
            for (BigDecimal tick : ticks()) {
                double x = x(tick.doubleValue());
                line(x, PLOT_TOP - 6, x, plotBottom, "grid", "#e0e0e0", "");
                text(x, plotBottom + 16, "text-anchor=\"middle\" fill=\"#444444\"",
                        tick.stripTrailingZeros().toPlainString() + "x");
            }
            line(PLOT_LEFT, plotBottom, PLOT_RIGHT, plotBottom, "axis", "#444444", "");
            text((PLOT_LEFT + PLOT_RIGHT) / 2.0, plotBottom + 34, "text-anchor=\"middle\"",
                    "time ÷ fastest JDBC (logarithmic scale)");
            if (workloads.isEmpty()) {
                text(PLOT_LEFT + 10, PLOT_TOP + 10, "", "No JDBC baseline in this run: nothing to compare.");
            }
        }

        private void bars() {
            double y = PLOT_TOP + GROUP_GAP / 2.0;
            for (Map.Entry<String, List<Bar>> workload : workloads.entrySet()) {
                List<Bar> bars = workload.getValue();
                double groupHeight = bars.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
                text(PLOT_LEFT - 10, y + groupHeight / 2 + 4, "text-anchor=\"end\" font-weight=\"bold\"",
                        workload.getKey());
                for (Bar bar : bars) {
                    bar(bar, y);
                    y += BAR_HEIGHT + BAR_GAP;
                }
                y += GROUP_GAP - BAR_GAP;
                if (y < PLOT_TOP + plotHeight()) {
                    line(10, y - GROUP_GAP / 2.0, WIDTH - 10, y - GROUP_GAP / 2.0, "separator", "#f0f0f0", "");
                }
            }
        }

        private void bar(Bar bar, double y) {
            Score score = bar.score();
            double end = x(bar.ratio());
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">",
                    (double) PLOT_LEFT, y, end - PLOT_LEFT, BAR_HEIGHT, colour(score.peer())));
            element("title", String.format(Locale.ROOT, "%s, %s: %.3f %s, %s", score.workload(), score.peer(),
                    score.score(), score.unit(), times(bar.ratio())));
            svg.append("</rect>\n");
            // Labels of bars shorter than 1.0x start past the dashed line rather than across it.
            text(Math.max(end, x(1)) + 6, y + BAR_HEIGHT - 4, "", score.peer() + " " + times(bar.ratio()));
        }

        private void baseline(int plotBottom) {
            double x = x(1);
            line(x, PLOT_TOP - 6, x, plotBottom, "baseline", "#000000", " stroke-dasharray=\"4 3\"");
            text(x, PLOT_TOP - 10, "text-anchor=\"middle\"", "1.0x = JDBC");
        }

        /** The library a benchmark method measures: its name up to the first capital (hibernateLazy → hibernate). */
        private static String library(String peer) {
            return peer.split("(?=[A-Z])", 2)[0];
        }

        private void legend(double y) {
            double x = 10;
            x = legendEntry(x, y, ATHANOR_COLOUR, "Athanor");
            x = legendEntry(x, y, JDBC_COLOUR, "raw JDBC");
            for (Map.Entry<String, String> other : otherColours.entrySet()) {
                x = legendEntry(x, y, other.getValue(), other.getKey());
            }
        }

        private double legendEntry(double x, double y, String colour, String label) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n",
                    x + 5, y - 4, colour));
            text(x + 14, y, "", label);
            // Sans-serif at 12px averages under 7px a character.
            return x + 14 + label.length() * 7 + 18;
        }

        private String colour(String peer) {
            return switch (family(peer)) {
                case 0 -> JDBC_COLOUR;
                case 1 -> ATHANOR_COLOUR;
                default -> otherColours.get(library(peer));
            };
        }

        private double x(double ratio) {
            double share = (Math.log(ratio) - Math.log(low)) / (Math.log(high) - Math.log(low));
            return PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT);
        }

        /** Ticks at 1, 2 and 5 times the powers of ten, or at the powers alone when they would crowd. */
        private List<BigDecimal> ticks() {
            boolean crowded = Math.log10(high / low) > 2.5;
            List<BigDecimal> ticks = new ArrayList<>();
            for (BigDecimal tick = tickAtOrAbove(low); tick.doubleValue() <= high; tick = nextTick(tick)) {
                if (!crowded || leadingDigit(tick) == 1) {
                    ticks.add(tick);
                }
            }
            return ticks;
        }

        private void line(double x1, double y1, double x2, double y2, String kind, String colour, String extra) {
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                    kind, x1, y1, x2, y2, colour, extra));
        }

        private void text(double x, double y, String attributes, String content) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>", x, y,
                    attributes.isEmpty() ? "" : " " + attributes));
            svg.append(escape(content)).append("</text>\n");
        }

        private void element(String name, String content) {
            svg.append('<').append(name).append('>').append(escape(content)).append("</").append(name).append(">");
        }
    }

    /** The largest of 1, 2 and 5 times a power of ten that is strictly below {@code value}. */
    static BigDecimal tickBelow(double value) {
        BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(value)) - 1);
        while (nextTick(tick).doubleValue() < value) {
            tick = nextTick(tick);
        }
        return tick;
    }

    /** The smallest of 1, 2 and 5 times a power of ten that is at or above {@code value}. */
    static BigDecimal tickAtOrAbove(double value) {
        BigDecimal tick = tickBelow(value);
        while (tick.doubleValue() < value) {
            tick = nextTick(tick);
        }
        return tick;
    }

    // BigDecimal keeps 0.2 and 0.5 exact, so that the axis labels read "0.2x", not "0.20000000000000001x".
    private static BigDecimal nextTick(BigDecimal tick) {
        return tick.multiply(leadingDigit(tick) == 2 ? new BigDecimal("2.5") : BigDecimal.valueOf(2));
    }

    private static int leadingDigit(BigDecimal tick) {
        return tick.stripTrailingZeros().unscaledValue().intValue();
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
