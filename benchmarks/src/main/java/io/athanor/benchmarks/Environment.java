package io.athanor.benchmarks;

import org.openjdk.jmh.util.Version;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Prints, as Markdown list items, the versions a results file should record: JMH's, and for each database
 * its server's and its JDBC driver's. The databases are asked through JDBC, the way the benchmarks reach
 * them, so that the versions are the ones measured rather than guessed from jar names.
 *
 * <p>Usage: {@code Environment <database>...} with {@code h2} (in memory) and {@code postgresql}
 * (127.0.0.1:5432, database {@code test}, user {@code postgres}, as in {@link Database}).
 */
public final class Environment {

    private Environment() {
    }

    /**
     * Prints one line for JMH and one per database.
     *
     * @param args the databases to describe: {@code h2}, {@code postgresql}
     */
    public static void main(String[] args) {
        System.out.println("- JMH: " + Version.getPlainVersion());
        for (String database : args) {
            System.out.println("- " + describe(database));
        }
    }

    /**
     * The product, version and driver version of a database, or why they could not be read: a results
     * file is still worth writing when the database went away after the run.
     */
    static String describe(String database) {
        Properties credentials = new Properties();
        String url = switch (database) {
            case "h2" -> "jdbc:h2:mem:env";
            case "postgresql" -> {
                credentials.setProperty("user", "postgres");
                yield "jdbc:postgresql://127.0.0.1:5432/test";
            }
            default -> throw new IllegalArgumentException("Unknown database '" + database + "'; use h2 or postgresql.");
        };
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            DatabaseMetaData metadata = connection.getMetaData();
            return metadata.getDatabaseProductName() + ": " + metadata.getDatabaseProductVersion() + " (JDBC driver "
                    + metadata.getDriverVersion() + ")";
        } catch (SQLException e) {
            return database + ": version unknown (" + e.getMessage() + ")";
        }
    }
}
