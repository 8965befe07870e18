package io.athanor.orm.engine;

import java.util.List;

/**
 * What a batch from {@link Connection#executeBatch} did: the row count of each execution (or
 * {@link java.sql.Statement#SUCCESS_NO_INFO} where the driver does not say) and the generated columns
 * read back, one array per inserted row, in execution order.
 */
public final class BatchResult {

    private final int[] counts;
    private final List<Object[]> generated;

    BatchResult(int[] counts, List<Object[]> generated) {
        this.counts = counts;
        this.generated = generated;
    }

    /** The row count of each execution, in order. */
    public int[] counts() {
        return counts.clone();
    }

    /**
     * The row count of one execution.
     *
     * @param index the execution's position in the batch
     * @return its row count, or a negative value when the driver did not report it
     */
    public int count(int index) {
        return counts[index];
    }

    /** The generated columns read back, one array per row, in execution order; empty when none were asked for. */
    public List<Object[]> generated() {
        return generated;
    }
}
