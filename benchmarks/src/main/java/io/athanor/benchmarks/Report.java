package io.athanor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV results into a Markdown table: each peer's score with its error and its ratio to raw
 * JDBC measured in the same run (lower is better; 1.00x is the physical limit).
 */
public final class Report {

    private Report() {
    }

    /** One measured benchmark method. */
    record Score(String workload, String peer, String database, double score, double error, String unit) {
    }

    /**
     * Prints the table for a JMH CSV file.
     *
     * @param args the CSV file written by {@code -rf csv -rff <file>}
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Report <jmh-results.csv>");
        }
        System.out.print(markdown(read(Path.of(args[0]))));
    }

    static List<Score> read(Path csv) throws IOException {
        List<Score> scores = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String method = unquote(cells[0]);
            String[] parts = method.split("\\.");
            String workload = parts[parts.length - 2].replace("Benchmark", "");
            double error = cells[5].equals("NaN") ? Double.NaN : Double.parseDouble(cells[5]);
            scores.add(new Score(workload, parts[parts.length - 1], unquote(cells[7]), Double.parseDouble(cells[4]),
                    error, unquote(cells[6])));
        }
        return scores;
    }

    static String markdown(List<Score> scores) {
        Map<String, Double> jdbc = new LinkedHashMap<>();
        for (Score score : scores) {
            if (score.peer().equals("jdbc")) {
                jdbc.put(score.workload() + "/" + score.database(), score.score());
            }
        }
        StringBuilder table = new StringBuilder("| workload | database | peer | score | error | ratio to JDBC |\n"
                + "|---|---|---|---|---|---|\n");
        for (Score score : scores) {
            Double base = jdbc.get(score.workload() + "/" + score.database());
            String ratio = base == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", score.score() / base);
            String error = Double.isNaN(score.error()) ? "n/a"
                    : String.format(Locale.ROOT, "± %.3f", score.error());
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f %s | %s | %s |\n", score.workload(),
                    score.database(), score.peer(), score.score(), score.unit(), error, ratio));
        }
        return table.toString();
    }

    private static String unquote(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
