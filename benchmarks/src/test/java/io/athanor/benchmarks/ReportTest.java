package io.athanor.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The results table: each peer's score next to its ratio to raw JDBC from the same run. */
class ReportTest {

    private static final String CSV = """
            "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: database"
            "io.athanor.benchmarks.GetByKeyBenchmark.athanorSession","avgt",1,5,3.000000,0.250000,"ms/op",h2
            "io.athanor.benchmarks.GetByKeyBenchmark.jdbc","avgt",1,5,2.000000,NaN,"ms/op",h2
            """;

    @Test
    void eachPeerIsShownWithItsRatioToJdbcOfTheSameWorkloadAndDatabase(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("results.csv"), CSV);

        assertThat(Report.markdown(Report.read(csv))).isEqualTo("""
                | workload | database | peer | score | error | ratio to JDBC |
                |---|---|---|---|---|---|
                | GetByKey | h2 | athanorSession | 3.000 ms/op | ± 0.250 | 1.50x |
                | GetByKey | h2 | jdbc | 2.000 ms/op | n/a | 1.00x |
                """);
    }
}
