package io.athanor.orm.reliability;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.engine.EngineBuilder;
import io.athanor.orm.engine.Row;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million-row table read to the end through a lazy result holds only a bounded part of it in memory at a
 * time: on the engine ({@code Result.stream()}), in a session that expunges its objects every
 * {@value #CHUNK} rows ({@code ScalarResult.stream()}), and through a {@code readOnly()} select, whose objects
 * no session tracks.
 *
 * <p>The table is filled by one INSERT ... SELECT on the server ({@code system_range} on H2,
 * {@code generate_series} on PostgreSQL, the SEQUENCE engine's {@code seq_1_to_1000000} on MariaDB), not
 * through the ORM. Each test then reads every row once, checks the count and the exact sums of two columns,
 * and samples the used heap after a full garbage collection every {@value #SAMPLE_EVERY} rows. The assertion
 * is on the largest growth over the heap measured just before the query, not on time: it must stay under
 * {@link #MAX_HEAP_GROWTH}. Two measurements show that the bound tells streaming from holding the result:
 * the engine test streams the same query once more on an engine that does not stream ({@code fetchSize(0)}
 * on PostgreSQL and MariaDB, whose drivers then buffer the whole result; H2 without
 * {@code LAZY_QUERY_EXECUTION}, which builds the whole result when it executes the query) and must see the
 * bound exceeded; and every test reads the first {@value #CALIBRATION_ROWS} rows into a list (of
 * {@code Row}s, or of objects the session holds), and ten times that must be several times the bound.
 *
 * <p>On H2 in memory the table itself lives in the test's heap: it is loaded before the baseline is taken,
 * so only what reading it adds is counted; and the streaming engines add {@code LAZY_QUERY_EXECUTION=TRUE}
 * to the URL, without which H2 does not stream at all (see {@link #streamingEngine}).
 *
 * <p>The figures (rows, peak growth, elapsed time, the materialised estimate) are printed to be quoted in
 * the documentation.
 */
@Tag("heavy")
class LargeResultStreamingTest {

    private static final int ROWS = 1_000_000;
    private static final int SAMPLE_EVERY = 100_000;
    private static final int CHUNK = 10_000;
    /** The control's growth is there from its first row: two samples show it. */
    private static final int CONTROL_SAMPLE_EVERY = 500_000;
    private static final int CALIBRATION_ROWS = 100_000;
    private static final long MB = 1024 * 1024;
    /**
     * The most the heap may grow while a million rows stream past. A streamed result holds one fetch (1,000
     * rows, well under 1 MB) plus, in a session, one chunk of {@value #CHUNK} objects (under 3 MB). The
     * smallest ways of holding the whole result are the driver's buffer when there is no fetch size (about
     * 47 MB of raw packets on MariaDB, 140 MB on PostgreSQL) and H2's own result when it does not run the
     * query lazily (about 38 MB: an array per row of values shared with the table); the control in the engine
     * test measures them. The million as {@code Row}s take 90 to 150 MB, as session objects 230 to 280 MB.
     * 16 MB is several times the largest growth seen while streaming and under half the smallest result held.
     */
    private static final long MAX_HEAP_GROWTH = 16 * MB;
    /** A materialised million rows must cost at least this many times the bound, or the bound proves nothing. */
    private static final int MATERIALISED_OVER_BOUND = 4;
    private static final long ID_SUM = (long) ROWS * (ROWS + 1) / 2;
    /** {@code amount = id % 1000}: a thousand full runs of 0..999. */
    private static final long AMOUNT_SUM = (ROWS / 1000) * (999L * 1000 / 2);

    @BeforeEach
    void heapCanBeMeasured() {
        HeapWatch.requireExplicitCollections();
    }

    // ------------------------------------------------------------------ the engine

    @AcrossDatabases
    void aMillionRowsStreamThroughResultStreamWithinABoundedHeap(TestDatabase db) {
        Engine engine = db.track(streamingEngine(db).fetchSize(1000).build());
        Registry.of(StreamRow.class).metadata().createAll(engine);
        long fillNanos = fill(db);

        Totals totals = new Totals();
        HeapWatch heap = streamEveryRow(engine, totals, SAMPLE_EVERY);
        long materialised = materialisedRowsBytes(engine);
        // The control: the same query on an engine that does not stream. Without a fetch size the PostgreSQL and
        // MariaDB drivers read the whole result before handing out the first row; H2, unless its session runs
        // queries lazily, builds the whole result when it executes the query (whatever the fetch size).
        Engine notStreaming = db.track(db.kind() == DatabaseKind.H2 ? db.engineBuilder().build()
                : db.engineBuilder().fetchSize(0).build());
        Totals controlTotals = new Totals();
        HeapWatch control = streamEveryRow(notStreaming, controlTotals, CONTROL_SAMPLE_EVERY);

        print(db, "Result.stream()", fillNanos, totals, heap, materialised);
        print(db, "Result.stream(), control on an engine that does not stream ("
                + (db.kind() == DatabaseKind.H2 ? "no LAZY_QUERY_EXECUTION" : "fetchSize(0)") + ")", fillNanos,
                controlTotals, control, materialised);
        totals.assertEveryRowReadOnce();
        assertBounded(heap, materialised);
        controlTotals.assertEveryRowReadOnce();
        assertThat(control.peak).as("heap growth of the same stream on an engine that does not stream, in bytes:"
                + " the bound must catch it, or it does not tell streaming from buffering").isGreaterThan(
                MAX_HEAP_GROWTH);
    }

    /** Reads {@code stream_rows} to the end through {@code Result.stream()}, sampling the heap as it goes. */
    private static HeapWatch streamEveryRow(Engine engine, Totals totals, int sampleEvery) {
        try (Connection connection = engine.connect()) {
            HeapWatch heap = HeapWatch.start();
            try (Stream<Row> rows = connection.execute(Sql.text("select id, amount, label from stream_rows")).stream()) {
                readEveryRow(rows, totals, heap, sampleEvery);
            }
            heap.stop();
            return heap;
        }
    }

    /** Counts and sums rows of (id, amount, label), sampling the heap every {@code sampleEvery} rows. */
    private static void readEveryRow(Stream<Row> rows, Totals totals, HeapWatch heap, int sampleEvery) {
        rows.forEach(row -> {
            totals.add(row.get(0, Long.class), row.get(1, Integer.class), row.get(2, String.class));
            if (totals.rows % sampleEvery == 0) {
                heap.sample();
            }
        });
    }

    // ------------------------------------------------------------------ the session

    @AcrossDatabases
    void aSessionStreamsAMillionObjectsInChunksExpungedBetweenThemWithoutGrowing(TestDatabase db) {
        MillionRows table = MillionRows.on(db);
        SessionFactory sessions = table.sessions();
        long fillNanos = table.fillNanos();

        Totals totals = new Totals();
        HeapWatch heap;
        List<StreamRow> chunk = new ArrayList<>(CHUNK);
        int[] chunks = new int[1];
        int[] untrackedBeforeExpunge = new int[1];
        int[] trackedAfterExpunge = new int[1];
        StreamRow[] firstStreamed = new StreamRow[1];
        try (Session session = sessions.openSession()) {
            heap = HeapWatch.start();
            try (Stream<StreamRow> rows = session.scalars(select(StreamRow.class).yieldPer(1000)).stream()) {
                rows.forEach(row -> {
                    totals.add(row.getId(), row.getAmount(), row.getLabel());
                    if (firstStreamed[0] == null) {
                        firstStreamed[0] = row;
                    }
                    chunk.add(row);
                    if (chunk.size() == CHUNK) {
                        chunks[0]++;
                        untrackedBeforeExpunge[0] += (int) chunk.stream().filter(object -> !session.contains(object))
                                .count();
                        if (totals.rows % SAMPLE_EVERY == 0) {
                            // The fullest moment: the session holds the whole chunk.
                            heap.sample();
                        }
                        session.expungeAll();
                        trackedAfterExpunge[0] += (int) chunk.stream().filter(session::contains).count();
                        chunk.clear();
                    }
                });
            }
            heap.stop();
            assertThat(chunk).as("rows left over after the last full chunk").isEmpty();
            assertThat(session.newObjects()).as("pending objects").isEmpty();
            assertThat(session.dirty()).as("changed objects").isEmpty();
            // A row read again after its chunk was expunged is a new object: the session kept nothing of it.
            StreamRow again = session.get(StreamRow.class, firstStreamed[0].getId());
            assertThat(again).as("the first row, read again after the stream").isNotSameAs(firstStreamed[0]);
            assertThat(session.contains(firstStreamed[0])).as("the first object streamed, still in the session")
                    .isFalse();
        }
        long materialised = materialisedObjectsBytes(sessions);

        print(db, "session.scalars(select(StreamRow)).stream(), expungeAll() every " + CHUNK, fillNanos, totals,
                heap, materialised);
        totals.assertEveryRowReadOnce();
        assertThat(chunks[0]).as("chunks of " + CHUNK).isEqualTo(ROWS / CHUNK);
        assertThat(untrackedBeforeExpunge[0]).as("objects of a chunk the session did not hold before expungeAll()")
                .isZero();
        assertThat(trackedAfterExpunge[0]).as("objects of a chunk the session still held after expungeAll()")
                .isZero();
        assertBounded(heap, materialised);
    }

    @AcrossDatabases
    void aSessionUpdatesAMillionRowsPageByPageCommittingAndExpungingWithoutGrowing(TestDatabase db) {
        MillionRows table = MillionRows.on(db);
        Engine engine = table.engine();
        SessionFactory sessions = table.sessions();
        long fillNanos = table.fillNanos();

        // Keyset pages rather than one stream: a stream's cursor ends with the transaction that each page commits.
        Totals totals = new Totals();
        HeapWatch heap;
        int updated = 0;
        int pages = 0;
        try (Session session = sessions.openSession()) {
            heap = HeapWatch.start();
            long last = 0;
            while (true) {
                List<StreamRow> page = session.scalars(select(StreamRow.class).where(col("id").gt(last))
                        .orderBy(col("id")).limit(CHUNK)).all();
                if (page.isEmpty()) {
                    break;
                }
                for (StreamRow row : page) {
                    totals.add(row.getId(), row.getAmount(), row.getLabel());
                    if (row.getId() % 100 == 0) {
                        row.setAmount(row.getAmount() + 1);
                        updated++;
                    }
                }
                last = page.get(page.size() - 1).getId();
                pages++;
                if (totals.rows % SAMPLE_EVERY == 0) {
                    // The fullest moment: the session holds the page and its changes.
                    heap.sample();
                }
                session.commit();
                session.expungeAll();
            }
            heap.stop();
        }
        long materialised = materialisedObjectsBytes(sessions);

        print(db, "pages of " + CHUNK + " read, every 100th row updated, commit() and expungeAll() per page",
                fillNanos, totals, heap, materialised);
        totals.assertEveryRowReadOnce();
        assertThat(pages).isEqualTo(ROWS / CHUNK);
        assertThat(updated).isEqualTo(ROWS / 100);
        try (Connection check = engine.connect()) {
            assertThat(check.execute(Sql.text("select sum(amount) from stream_rows")).scalar(Long.class))
                    .as("sum of the amounts: one more for each row updated").isEqualTo(AMOUNT_SUM + ROWS / 100);
            assertThat(check.execute(Sql.text("select count(*) from stream_rows where mod(id, 100) = 0 and amount"
                    + " = mod(id, 1000) + 1")).scalar(Long.class)).as("rows updated").isEqualTo(ROWS / 100);
        }
        assertBounded(heap, materialised);
    }

    @AcrossDatabases
    void aSessionStreamsAMillionRowsOfColumnsWithinABoundedHeap(TestDatabase db) {
        MillionRows table = MillionRows.on(db);
        Engine engine = table.engine();
        SessionFactory sessions = table.sessions();
        long fillNanos = table.fillNanos();

        Totals totals = new Totals();
        HeapWatch heap;
        try (Session session = sessions.openSession()) {
            heap = HeapWatch.start();
            try (Stream<Row> rows = session.execute(select(col(StreamRow.class, "id"), col(StreamRow.class, "amount"),
                    col(StreamRow.class, "label")).yieldPer(1000)).stream()) {
                readEveryRow(rows, totals, heap, SAMPLE_EVERY);
            }
            heap.stop();
        }
        long materialised = materialisedRowsBytes(engine);

        print(db, "session.execute(select(columns)).stream()", fillNanos, totals, heap, materialised);
        totals.assertEveryRowReadOnce();
        assertBounded(heap, materialised);
    }

    @AcrossDatabases
    void aReadOnlySelectStreamsAMillionUntrackedObjectsWithoutChunking(TestDatabase db) {
        MillionRows table = MillionRows.on(db);
        SessionFactory sessions = table.sessions();
        long fillNanos = table.fillNanos();

        Totals totals = new Totals();
        HeapWatch heap;
        int[] tracked = new int[1];
        try (Session session = sessions.openSession()) {
            heap = HeapWatch.start();
            try (Stream<StreamRow> rows = session.scalars(select(StreamRow.class).readOnly().yieldPer(1000)).stream()) {
                rows.forEach(row -> {
                    totals.add(row.getId(), row.getAmount(), row.getLabel());
                    if (session.contains(row)) {
                        tracked[0]++;
                    }
                    if (totals.rows % SAMPLE_EVERY == 0) {
                        heap.sample();
                    }
                });
            }
            heap.stop();
        }
        long materialised = materialisedObjectsBytes(sessions);

        print(db, "session.scalars(select(StreamRow).readOnly()).stream()", fillNanos, totals, heap, materialised);
        totals.assertEveryRowReadOnce();
        assertThat(tracked[0]).as("readOnly() objects the session tracked").isZero();
        assertBounded(heap, materialised);
    }

    // ------------------------------------------------------------------ the table

    /** The million rows on a streaming engine, with sessions over them. */
    private record MillionRows(Engine engine, SessionFactory sessions, long fillNanos) {
        static MillionRows on(TestDatabase db) {
            Engine engine = db.track(streamingEngine(db).build());
            Registry registry = Registry.of(StreamRow.class);
            registry.metadata().createAll(engine);
            long fillNanos = fill(db);
            return new MillionRows(engine, SessionFactory.builder(engine, registry).build(), fillNanos);
        }
    }

    /**
     * An engine builder on which queries can stream. PostgreSQL and MariaDB stream a query that asks for it
     * ({@code yieldPer}) or every query with the engine's {@code fetchSize} (PostgreSQL needs a transaction as
     * well, which Athanor begins for such a query). H2 in embedded mode
     * builds a query's whole result when it executes it, and keeps it for the next execution of the same SQL,
     * unless the session runs queries lazily: {@code LAZY_QUERY_EXECUTION=TRUE} in the URL.
     */
    private static EngineBuilder streamingEngine(TestDatabase db) {
        return db.kind() == DatabaseKind.H2 ? db.engineBuilder().url(db.url() + ";LAZY_QUERY_EXECUTION=TRUE")
                : db.engineBuilder();
    }

    /**
     * Creates the million rows with one statement on the server, through a plain JDBC connection in autocommit
     * mode, and returns how long it took. Filled in a transaction of a pooled connection instead, H2 let go of
     * some 40 MB during the first read afterwards, which hid its own result from the measurement.
     */
    private static long fill(TestDatabase db) {
        String insert = "insert into stream_rows (id, amount, label) ";
        String select;
        switch (db.kind()) {
            case H2:
                select = "select x, mod(x, 1000), concat('row-', x) from system_range(1, " + ROWS + ")";
                break;
            case POSTGRESQL:
                select = "select n, n % 1000, 'row-' || n from generate_series(1, " + ROWS + ") as n";
                break;
            case MARIADB:
                // A table of the SEQUENCE engine, built into MariaDB since 10.0: no recursive CTE and its depth limit.
                select = "select seq, seq % 1000, concat('row-', seq) from seq_1_to_" + ROWS;
                break;
            default:
                throw new IllegalStateException("no fill statement for " + db.label());
        }
        long started = System.nanoTime();
        try (java.sql.Connection connection = db.unpooledDataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(insert + select)).as("rows inserted").isEqualTo(ROWS);
        } catch (java.sql.SQLException failure) {
            throw new AssertionError(failure);
        }
        return System.nanoTime() - started;
    }

    // ------------------------------------------------------------------ what materialising would cost

    /** The heap a million rows held as a list of {@code Row}s would take, from the first 100,000. */
    private static long materialisedRowsBytes(Engine engine) {
        try (Connection connection = engine.connect()) {
            HeapWatch heap = HeapWatch.start();
            List<Row> rows = connection.execute(Sql.text("select id, amount, label from stream_rows where id <= :last")
                    .bind("last", CALIBRATION_ROWS)).all();
            heap.sample();
            assertThat(rows).hasSize(CALIBRATION_ROWS);
            return heap.peak * (ROWS / CALIBRATION_ROWS);
        }
    }

    /** The heap a million objects held by a session would take, from the first 100,000. */
    private static long materialisedObjectsBytes(SessionFactory sessions) {
        try (Session session = sessions.openSession()) {
            HeapWatch heap = HeapWatch.start();
            List<StreamRow> objects = session.scalars(select(StreamRow.class).where(col("id").le(CALIBRATION_ROWS)))
                    .all();
            heap.sample();
            assertThat(objects).hasSize(CALIBRATION_ROWS);
            return heap.peak * (ROWS / CALIBRATION_ROWS);
        }
    }

    private static void assertBounded(HeapWatch heap, long materialised) {
        assertThat(heap.samples).as("heap samples").isEqualTo(ROWS / SAMPLE_EVERY);
        assertThat(materialised).as("heap of a materialised million rows, which the bound must be well under")
                .isGreaterThan(MATERIALISED_OVER_BOUND * MAX_HEAP_GROWTH);
        assertThat(heap.peak).as("largest heap growth while streaming, in bytes (bound %d MB)", MAX_HEAP_GROWTH / MB)
                .isLessThan(MAX_HEAP_GROWTH);
    }

    private static void print(TestDatabase db, String how, long fillNanos, Totals totals, HeapWatch heap,
                              long materialised) {
        System.out.printf("[reliability] %s, %s: %,d rows streamed in %.1f s (%.1f s of it in %d heap samples);"
                        + " peak heap growth %.1f MB (bound %d MB; %,d rows materialised would take ~%.0f MB);"
                        + " table filled in %.1f s%n",
                db.label(), how, totals.rows, heap.elapsedNanos / 1e9, heap.sampleNanos / 1e9, heap.samples,
                heap.peak / (double) MB, MAX_HEAP_GROWTH / MB, ROWS, materialised / (double) MB, fillNanos / 1e9);
    }

    // ------------------------------------------------------------------ measuring

    /** What was read: counted and summed, so that a row lost or read twice shows. */
    private static final class Totals {
        long rows;
        long idSum;
        long amountSum;
        long badLabels;

        void add(long id, int amount, String label) {
            rows++;
            idSum += id;
            amountSum += amount;
            if (amount != id % 1000 || !label.equals("row-" + id)) {
                badLabels++;
            }
        }

        void assertEveryRowReadOnce() {
            assertThat(rows).as("rows streamed").isEqualTo(ROWS);
            assertThat(idSum).as("sum of the ids").isEqualTo(ID_SUM);
            assertThat(amountSum).as("sum of the amounts").isEqualTo(AMOUNT_SUM);
            assertThat(badLabels).as("rows whose amount or label does not match their id").isZero();
        }
    }

    /**
     * The used heap after a full collection, against a baseline taken the same way. Under the JVM's default
     * collector (G1) {@code System.gc()} is a synchronous full collection, so what is left is what something
     * still holds; {@link #requireExplicitCollections()} skips the tests where it is not.
     */
    private static final class HeapWatch {
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

        final long baseline;
        final long started;
        long peak;
        int samples;
        long sampleNanos;
        long elapsedNanos;

        private HeapWatch(long baseline) {
            this.baseline = baseline;
            this.started = System.nanoTime();
        }

        static void requireExplicitCollections() {
            List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
            Assumptions.assumeFalse(options.contains("-XX:+DisableExplicitGC")
                            || options.contains("-XX:+ExplicitGCInvokesConcurrent"),
                    "System.gc() is disabled or concurrent in this JVM (" + options + "): the heap cannot be measured");
        }

        static HeapWatch start() {
            return new HeapWatch(usedAfterCollection());
        }

        void sample() {
            long before = System.nanoTime();
            peak = Math.max(peak, usedAfterCollection() - baseline);
            samples++;
            sampleNanos += System.nanoTime() - before;
        }

        void stop() {
            elapsedNanos = System.nanoTime() - started;
        }

        private static long usedAfterCollection() {
            System.gc();
            return MEMORY.getHeapMemoryUsage().getUsed();
        }
    }
}
