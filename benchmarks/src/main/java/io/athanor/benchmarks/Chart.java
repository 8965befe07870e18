package io.athanor.benchmarks;

import io.athanor.benchmarks.Bootstrap.Interval;
import io.athanor.benchmarks.Report.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A horizontal bar chart of the ratios to JDBC on one database: a group of bars per workload (and thread
 * count, for workloads run at several), a bar per peer at its ratio of means, a whisker over its 95%
 * interval, on a logarithmic axis (the ratios span from about 1x to over 100x), with a line at 1.0x.
 * Rows without a JDBC baseline have no ratio and get no bar. Every length is in SVG user units (pixels).
 */
final class Chart {

    private static final int WIDTH = 1060;
    private static final int PLOT_LEFT = 250;
    // Room to the right of the plot for the label of the longest bar.
    private static final int PLOT_RIGHT = 720;
    private static final int PLOT_TOP = 70;
    private static final int BAR_HEIGHT = 16;
    private static final int BAR_GAP = 4;
    private static final int GROUP_GAP = 14;
    private static final int CAP = 4;
    private static final String ATHANOR_COLOUR = "#e66101";
    private static final String JDBC_COLOUR = "#8c8c8c";
    private static final String[] OTHER_COLOURS = {
            "#1f78b4", "#33a02c", "#6a3d9a", "#b15928", "#e7298a", "#17becf", "#a6761d", "#bcbd22"};

    private final String database;
    private final Map<String, List<Row>> groups;
    private final Map<String, String> otherColours = new LinkedHashMap<>();
    private final double low;
    private final double high;
    private final StringBuilder svg = new StringBuilder();

    private Chart(String database, Map<String, List<Row>> groups) {
        this.database = database;
        this.groups = groups;
        TreeSet<String> others = new TreeSet<>();
        double min = 1;
        double max = 1;
        for (List<Row> rows : groups.values()) {
            for (Row row : rows) {
                if (Report.family(row.measurement().peer()) == 2) {
                    others.add(library(row.measurement().peer()));
                }
                min = Math.min(min, row.vsJdbc().low());
                max = Math.max(max, row.vsJdbc().high());
            }
        }
        // A library keeps its colour across workloads and variants, so the eye can follow it down the chart.
        for (String library : others) {
            otherColours.put(library, OTHER_COLOURS[otherColours.size() % OTHER_COLOURS.length]);
        }
        // Strictly below the smallest ratio, so that even the 1.00x JDBC bars have a length.
        low = tickBelow(min).doubleValue();
        high = tickAtOrAbove(max).doubleValue();
    }

    /** The chart of one database's rows (see {@link Report#rows}). */
    static String svg(List<Row> rows, String database) {
        Set<String> multiThreaded = new HashSet<>();
        for (Row row : rows) {
            if (row.measurement().threads() > 1) {
                multiThreaded.add(row.measurement().workload());
            }
        }
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.measurement().database().equals(database) && row.vsJdbc() != null) {
                String workload = row.measurement().workload();
                int threads = row.measurement().threads();
                String label = multiThreaded.contains(workload)
                        ? workload + " × " + threads + (threads == 1 ? " thread" : " threads") : workload;
                groups.computeIfAbsent(label, key -> new ArrayList<>()).add(row);
            }
        }
        return new Chart(database, groups).render();
    }

    private String render() {
        int plotBottom = PLOT_TOP + plotHeight();
        int height = plotBottom + 80;
        // The white background keeps the dark text readable where the page around the image is dark.
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\" style=\"background-color:#ffffff\">\n",
                WIDTH, height, WIDTH, height));
        element("title", "Athanor benchmarks on " + database + ": time relative to raw JDBC");
        svg.append('\n');
        text(10, 24, "font-size=\"16\" font-weight=\"bold\"", "Time per operation relative to raw JDBC — " + database);
        text(10, 44, "fill=\"#444444\"", "Bar: mean time ÷ the fastest JDBC method's; whisker: 95% bootstrap "
                + "interval over iterations. Lower is better; log scale.");
        axis(plotBottom);
        bars();
        baseline(plotBottom);
        legend(height - 18);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private int plotHeight() {
        int height = 0;
        for (List<Row> rows : groups.values()) {
            height += rows.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + GROUP_GAP;
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
        if (groups.isEmpty()) {
            text(PLOT_LEFT + 10, PLOT_TOP + 10, "", "No JDBC baseline in this run: nothing to compare.");
        }
    }

    private void bars() {
        double y = PLOT_TOP + GROUP_GAP / 2.0;
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            List<Row> rows = group.getValue();
            double groupHeight = rows.size() * (BAR_HEIGHT + BAR_GAP) - BAR_GAP;
            text(PLOT_LEFT - 10, y + groupHeight / 2 + 4, "text-anchor=\"end\" font-weight=\"bold\"", group.getKey());
            for (Row row : rows) {
                bar(row, y);
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += GROUP_GAP - BAR_GAP;
            if (y < PLOT_TOP + plotHeight()) {
                line(10, y - GROUP_GAP / 2.0, WIDTH - 10, y - GROUP_GAP / 2.0, "separator", "#f0f0f0", "");
            }
        }
    }

    private void bar(Row row, double y) {
        Interval ratio = row.vsJdbc();
        String peer = row.measurement().peer();
        String label = row.baseline() ? Report.times(1) : Report.interval(ratio);
        double end = x(ratio.point());
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">",
                (double) PLOT_LEFT, y, end - PLOT_LEFT, BAR_HEIGHT, colour(peer)));
        element("title", String.format(Locale.ROOT, "%s, %s: mean %.3f %s, %s", row.measurement().workload(), peer,
                row.mean(), row.measurement().unit(), label));
        svg.append("</rect>\n");
        double right = end;
        if (!row.baseline()) {
            // The whisker: the interval, with caps at both ends.
            double middle = y + BAR_HEIGHT / 2.0;
            double from = x(ratio.low());
            double to = x(ratio.high());
            line(from, middle, to, middle, "error-bar", "#000000", "");
            line(from, middle - CAP, from, middle + CAP, "error-bar-cap", "#000000", "");
            line(to, middle - CAP, to, middle + CAP, "error-bar-cap", "#000000", "");
            right = Math.max(right, to);
        }
        // Labels of bars shorter than 1.0x start past the dashed line rather than across it.
        text(Math.max(right, x(1)) + 6, y + BAR_HEIGHT - 4, "", peer + " " + label);
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
        return switch (Report.family(peer)) {
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
