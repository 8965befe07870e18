package io.athanor.orm.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, at the end of a test run, how many tests ran on each database and which databases were
 * skipped and why, so a run on a laptop without servers says clearly what it did not test.
 */
public final class DatabaseSummary implements TestExecutionListener {

    private static final Map<DatabaseKind, Integer> RAN = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, Integer> SKIPPED = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, String> REASONS = new TreeMap<>();

    /** Created by the JUnit launcher. */
    public DatabaseSummary() {
    }

    static synchronized void ran(DatabaseKind kind) {
        RAN.merge(kind, 1, Integer::sum);
    }

    static synchronized void skipped(DatabaseKind kind, String reason) {
        SKIPPED.merge(kind, 1, Integer::sum);
        REASONS.put(kind, reason);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        synchronized (DatabaseSummary.class) {
            if (RAN.isEmpty() && SKIPPED.isEmpty()) {
                return;
            }
            StringBuilder out = new StringBuilder("[athanor-test] Database summary:");
            for (DatabaseKind kind : DatabaseKind.values()) {
                out.append("\n[athanor-test]   ").append(kind.label()).append(": ")
                        .append(RAN.getOrDefault(kind, 0)).append(" ran");
                if (SKIPPED.containsKey(kind)) {
                    out.append(", ").append(SKIPPED.get(kind)).append(" SKIPPED because ").append(REASONS.get(kind));
                }
            }
            System.out.println(out);
        }
    }
}
