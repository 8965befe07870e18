package io.athanor.orm.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes statements and transaction events to the {@code io.athanor.orm.engine} logger: at INFO when
 * the engine echoes, otherwise at DEBUG, so logging configuration alone can turn it on too (as with
 * SQLAlchemy's {@code sqlalchemy.engine} logger).
 */
final class StatementLog {

    static final Logger LOGGER = LoggerFactory.getLogger("io.athanor.orm.engine");
    private static final int MAX_SHOWN_STRING = 200;
    private static final int MAX_SHOWN_SETS = 10;

    private final boolean echo;

    StatementLog(boolean echo) {
        this.echo = echo;
    }

    boolean echo() {
        return echo;
    }

    boolean enabled() {
        return echo ? LOGGER.isInfoEnabled() : LOGGER.isDebugEnabled();
    }

    void event(String event) {
        write(event);
    }

    void statement(String sql, List<String> names, Object[] values) {
        if (enabled()) {
            write(sql + "\n[parameters: " + describe(names, values) + "]");
        }
    }

    void batch(String sql, List<String> names, List<Object[]> sets) {
        if (enabled()) {
            StringBuilder shown = new StringBuilder();
            int count = Math.min(sets.size(), MAX_SHOWN_SETS);
            for (int i = 0; i < count; i++) {
                shown.append(i == 0 ? "" : ", ").append(describe(names, sets.get(i)));
            }
            if (sets.size() > count) {
                shown.append(", ... ").append(sets.size() - count).append(" more");
            }
            write(sql + "\n[" + sets.size() + " parameter sets: " + shown + "]");
        }
    }

    private void write(String message) {
        if (echo) {
            LOGGER.info(message);
        } else {
            LOGGER.debug(message);
        }
    }

    /** Renders parameters for an error message: shown under echo, masked otherwise. */
    List<String> forError(Object[] values) {
        if (values == null) {
            return List.of();
        }
        if (!echo) {
            return Collections.nCopies(values.length, "***");
        }
        List<String> rendered = new ArrayList<>(values.length);
        for (Object value : values) {
            rendered.add(render(value));
        }
        return rendered;
    }

    private static String describe(List<String> names, Object[] values) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (names != null && i < names.size()) {
                out.append(names.get(i)).append('=');
            }
            out.append(render(values[i]));
        }
        return out.append(')').toString();
    }

    static String render(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof CharSequence || value instanceof TypedValue) {
            String text = value.toString();
            if (text.length() > MAX_SHOWN_STRING) {
                return "'" + text.substring(0, MAX_SHOWN_STRING) + "...' (" + text.length() + " characters)";
            }
            return "'" + text + "'";
        } else if (value instanceof byte[]) {
            return "<" + ((byte[]) value).length + " bytes>";
        } else if (value instanceof TemporalAccessor || value instanceof java.util.UUID || value instanceof Enum) {
            return "'" + value + "'";
        }
        return String.valueOf(value);
    }
}
