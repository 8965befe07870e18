package io.athanor.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A workload that reads the seeded items: each peer adds up the quantities it read into
 * {@link #checksum}, and the sum proves at teardown that it built every object.
 */
public abstract class ItemChecksumWorkload extends Workload {

    private final int rows;
    private long expectedChecksum;
    protected long checksum;

    protected ItemChecksumWorkload(int rows) {
        this.rows = rows;
    }

    @Override
    protected void seed() {
        expectedChecksum = seedItems(rows);
    }

    @Setup(Level.Invocation)
    public void reset() {
        checksum = 0;
    }

    @TearDown(Level.Invocation)
    public void check() {
        if (checksum != expectedChecksum) {
            throw new IllegalStateException("checksum " + checksum + ", expected " + expectedChecksum);
        }
    }
}
