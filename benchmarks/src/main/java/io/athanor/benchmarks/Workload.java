package io.athanor.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every workload shares: the JMH settings (one fork, never zero; set-up outside the measurement),
 * the database parameter, and one pool opened per trial. JMH's annotations are inherited.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class Workload {

    @Param({"h2"})
    public String database;

    protected Database db;

    @Setup(Level.Trial)
    public void open() {
        db = new Database(database);
        seed();
    }

    /** Writes the rows the workload reads; none by default. */
    protected void seed() {
    }

    /**
     * Inserts items 1..rows, item i holding quantity {@code (i - 1) % 100}.
     *
     * @return the sum of the quantities, for checksums
     */
    protected long seedItems(int rows) {
        List<Item> items = new ArrayList<>(rows);
        long sum = 0;
        for (int i = 0; i < rows; i++) {
            items.add(new Item(i + 1, "item " + i, i % 100));
            sum += i % 100;
        }
        db.sessions.useTransaction(session -> session.addAll(items));
        return sum;
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }
}
