package io.athanor.orm.engine;

import java.util.List;
import java.util.Locale;

/**
 * How an error message shows the statement that failed and its parameters: a short statement whole, a
 * long one bounded, so that a failure in a 1,000-row INSERT reads in a few lines instead of 10 KB of
 * {@code (?, ?)} groups and {@code ***}. A multi-row VALUES list is shown by its first row and a count
 * ({@code VALUES (?, ?), ... (1,000 rows, 2,000 parameters)}); any other long statement by its start and
 * its length; parameters by the first {@value #SHOWN_PARAMETERS}. The exception's {@code sql()} and
 * {@code parameters()} keep the whole statement, and the engine's log ({@code echo}, or DEBUG on the
 * {@code io.athanor.orm.engine} logger) writes it as it is sent.
 */
final class StatementText {

    /** Statements up to this length are shown whole; longer ones are shortened to about this length. */
    static final int SHOWN_SQL = 1000;
    /** Parameters shown in a message; the rest are counted. */
    static final int SHOWN_PARAMETERS = 20;
    /** The most of the driver's own message that is shown (H2's, for one, repeats the statement). */
    static final int SHOWN_DRIVER_MESSAGE = 1000;

    private static final String VALUES = " VALUES ";

    private StatementText() {
    }

    /**
     * The part of a message that names the statement: {@code "; SQL [..]; parameters [..]"}, or nothing
     * when no statement was running.
     *
     * @param sql the statement, or null
     * @param parameters its parameters as they may be shown (masked or not)
     * @return the text to append to the message
     */
    /**
     * Whether a statement changes the schema: its first word (after blanks and comments) is CREATE, ALTER,
     * DROP or RENAME. Such a statement may change what other statements' rows look like.
     */
    static boolean isDdl(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else {
                break;
            }
        }
        for (String keyword : DDL_KEYWORDS) {
            if (sql.regionMatches(true, i, keyword, 0, keyword.length())
                    && (i + keyword.length() == length || !Character.isLetterOrDigit(sql.charAt(i + keyword.length())))) {
                return true;
            }
        }
        return false;
    }

    private static final String[] DDL_KEYWORDS = {"CREATE", "ALTER", "DROP", "RENAME"};

    static String where(String sql, List<String> parameters) {
        if (sql == null) {
            return "";
        }
        return "; SQL [" + sql(sql, parameters.size()) + "]; parameters " + parameters(parameters);
    }

    /**
     * The statement as a message shows it: whole up to {@link #SHOWN_SQL} characters; otherwise a
     * multi-row VALUES list as its first row and a count, anything else as its start and its length.
     */
    static String sql(String sql, int parameterCount) {
        if (sql.length() <= SHOWN_SQL) {
            return sql;
        }
        String rows = collapsedRows(sql, parameterCount);
        if (rows != null && rows.length() <= SHOWN_SQL) {
            return rows;
        }
        return sql.substring(0, SHOWN_SQL) + " ... (" + count(sql.length()) + " characters, "
                + count(parameterCount) + " parameters)";
    }

    /** The first {@link #SHOWN_PARAMETERS} parameters, then how many more there are. */
    static String parameters(List<String> parameters) {
        if (parameters.size() <= SHOWN_PARAMETERS) {
            return parameters.toString();
        }
        return "[" + String.join(", ", parameters.subList(0, SHOWN_PARAMETERS)) + ", ... "
                + count(parameters.size() - SHOWN_PARAMETERS) + " more]";
    }

    /**
     * The driver's message, with the statement shortened where the driver repeats it (H2 does), and cut
     * after {@link #SHOWN_DRIVER_MESSAGE} characters.
     */
    static String driverMessage(String message, String sql, int parameterCount) {
        String shown = message;
        if (sql != null && sql.length() > SHOWN_SQL && shown.contains(sql)) {
            shown = shown.replace(sql, sql(sql, parameterCount));
        }
        if (shown.length() > SHOWN_DRIVER_MESSAGE) {
            shown = shown.substring(0, SHOWN_DRIVER_MESSAGE) + " ... (" + count(shown.length()) + " characters)";
        }
        return shown;
    }

    /**
     * A statement whose VALUES list repeats one row, as {@code ... VALUES (?, ?), ... (1,000 rows, 2,000
     * parameters)} followed by what comes after the list (a RETURNING clause, say); null when it has no
     * such list.
     */
    private static String collapsedRows(String sql, int parameterCount) {
        int values = sql.indexOf(VALUES);
        if (values < 0) {
            return null;
        }
        int start = values + VALUES.length();
        int end = groupEnd(sql, start);
        if (end < 0) {
            return null;
        }
        String row = sql.substring(start, end);
        int rows = 1;
        int next = end;
        while (sql.startsWith(", " + row, next)) {
            next += 2 + row.length();
            rows++;
        }
        if (rows < 2) {
            return null;
        }
        return sql.substring(0, end) + ", ... (" + count(rows) + " rows, " + count(parameterCount) + " parameters)"
                + sql.substring(next);
    }

    /** The index after the parenthesised group that starts at {@code start}, or -1. */
    private static int groupEnd(String sql, int start) {
        if (start >= sql.length() || sql.charAt(start) != '(') {
            return -1;
        }
        int depth = 0;
        for (int i = start; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                // A quoted literal may hold parentheses: skip it ('' is a quote inside it).
                i = sql.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String count(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
