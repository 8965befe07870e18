package io.athanor.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A workload that reads the seeded items: each peer adds up the quantities it read into
 * {@link #checksum} and ends each call with {@link #done()}. Once per iteration, outside the measurement,
 * the sum proves that every call built every object: it must be the number of calls times the sum of
 * the seeded quantities (no call can read more than every row, so none can make up for another).
 */
public abstract class ItemChecksumWorkload extends Workload {

    private final int rows;
    private long expectedChecksum;
    private long calls;
    protected long checksum;

    protected ItemChecksumWorkload(int rows) {
        this.rows = rows;
    }

    @Override
    protected void seed() {
        expectedChecksum = seedItems(rows);
    }

    /**
     * Counts one call of a benchmark method.
     *
     * @return the running checksum, for the method to return to JMH
     */
    protected long done() {
        calls++;
        return checksum;
    }

    /** Fails the iteration unless every call of it read every item. */
    @TearDown(Level.Iteration)
    public void check() {
        if (checksum != calls * expectedChecksum) {
            throw new IllegalStateException("checksum " + checksum + " after " + calls + " calls, expected "
                    + calls * expectedChecksum);
        }
        checksum = 0;
        calls = 0;
    }
}
