package io.athanor.orm.testing;

import ch.qos.logback.classic.Level;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Records the statements an echoing engine sends, for tests whose point is which statements run and
 * in what order (SQLAlchemy's {@code assert_sql_execution}). Transaction events are left out.
 */
public final class SqlRecorder implements AutoCloseable {

    private final LogCapture capture = LogCapture.engineLog(Level.INFO);

    /** The SQL of each statement, in order, without parameters or transaction events. */
    public List<String> statements() {
        return capture.messages().stream().filter(message -> message.contains("\n["))
                .map(message -> message.split("\n", 2)[0]).collect(Collectors.toList());
    }

    /** Each statement with its parameter line, in order. */
    public List<String> statementsWithParameters() {
        return capture.messages().stream().filter(message -> message.contains("\n[")).collect(Collectors.toList());
    }

    /** Every logged line: statements (SQL only) and BEGIN, COMMIT, ROLLBACK, SAVEPOINT events. */
    public List<String> events() {
        return capture.messages().stream().map(message -> message.split("\n", 2)[0]).collect(Collectors.toList());
    }

    /** Forgets what was recorded so far. */
    public void clear() {
        capture.clear();
    }

    @Override
    public void close() {
        capture.close();
    }
}
