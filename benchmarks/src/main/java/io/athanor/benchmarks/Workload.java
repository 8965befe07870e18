package io.athanor.benchmarks;

import io.athanor.benchmarks.peers.Peers;

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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every workload shares: the JMH settings, the database parameter, and one pool opened per trial.
 * JMH's annotations are inherited.
 *
 * <p>Every fork runs with the same explicit JVM flags, whichever peer it measures: a fixed 2 GiB heap,
 * touched up front ({@code -XX:+AlwaysPreTouch}, so that no peer pays for first-touch page faults during
 * its measurement) and the G1 collector named rather than left to the JVM's ergonomics. run.sh passes
 * the fork and iteration counts on the command line; it never passes {@code -jvmArgs}, which would not
 * replace these but could add flags for some runs only.
 *
 * <p>The published tier runs these iteration counts and times, in 3 forks: 30 samples per benchmark. run.sh
 * passes counts (-f, -wi, -i) but never times (-w, -r), so that a workload may set its own iteration time:
 * those whose table grows during an iteration use shorter ones.
 *
 * <p>No database work runs between two timed calls: there is no {@code Level.Invocation} fixture.
 * Workloads that write keep their rows apart with fresh keys per call and clean up once per iteration;
 * every workload checks once per iteration that the work of all its calls was done.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
public abstract class Workload {

    /** The database of the trial: {@code h2} or {@code postgresql} (run.sh sets it with {@code -p database=}). */
    @Param({"h2"})
    public String database;

    protected Database db;

    /** The other libraries measured against Athanor; only the one this trial's method names is built. */
    protected Peers peers;

    /** Opens the trial's pool on fresh tables, writes the seed rows and lets the database settle. */
    @Setup(Level.Trial)
    public void open() {
        db = new Database(database, poolSize());
        seed();
        db.settle();
    }

    /**
     * Builds the peer library that this trial measures (Hibernate's metamodel, a Spring context, ...) after
     * the pool and the seed rows exist, outside the measurement: JMH calls it after {@link #open()} (its
     * generated code runs this class's trial set-ups in name order).
     */
    @Setup(Level.Trial)
    public void openPeer(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        peers = new Peers(db.dataSource, database);
        peers.prepare(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /**
     * The connections of the trial's pool. Two for the single-threaded workloads: one is all a call uses,
     * and the second keeps a peer that briefly holds two (a set-up query next to an open session) from
     * waiting on the pool.
     */
    protected int poolSize() {
        return 2;
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

    /** Releases the peer, then the pool. */
    @TearDown(Level.Trial)
    public void close() {
        // A peer may hold the pool's connections or statements: release it before the pool closes.
        if (peers != null) {
            peers.close();
        }
        db.close();
    }
}
