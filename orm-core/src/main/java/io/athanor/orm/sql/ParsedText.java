package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.List;

/** The result of scanning a textual statement once for its {@code :named} parameters. */
final class ParsedText {

    private final String text;
    private final CompiledSql compiled;
    private final List<String> distinctNames;

    private ParsedText(String text, CompiledSql compiled, List<String> distinctNames) {
        this.text = text;
        this.compiled = compiled;
        this.distinctNames = distinctNames;
    }

    String text() {
        return text;
    }

    CompiledSql compiled() {
        return compiled;
    }

    List<String> distinctNames() {
        return distinctNames;
    }

    static ParsedText parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ArgumentException("ATH-E022", "Sql.text(..) needs a non-empty SQL statement.");
        }
        StringBuilder sql = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(text, i, c);
                sql.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < length && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? length : end;
                sql.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? length : end + 2;
                sql.append(text, i, end);
                i = end;
            } else if (c == '$' && dollarTagEnd(text, i) > 0) {
                int tagEnd = dollarTagEnd(text, i);
                String tag = text.substring(i, tagEnd);
                int close = text.indexOf(tag, tagEnd);
                int end = close < 0 ? length : close + tag.length();
                sql.append(text, i, end);
                i = end;
            } else if (c == '\\' && i + 1 < length && text.charAt(i + 1) == ':') {
                sql.append(':');
                i += 2;
            } else if (c == ':' && i + 1 < length && text.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < length && isNameStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < length && isNamePart(text.charAt(end))) {
                    end++;
                }
                names.add(text.substring(i + 1, end));
                sql.append('?');
                i = end;
            } else if (c == '?' && i + 1 < length && text.charAt(i + 1) == '?') {
                sql.append("??");
                i += 2;
            } else if (c == '?') {
                throw new ArgumentException("ATH-E023", "Positional parameter '?' at offset " + i
                        + " of [" + text + "]: Sql.text(..) takes named parameters only. Write :name and bind"
                        + " it with .bind(\"name\", value). A literal question mark belongs inside a quoted string;"
                        + " PostgreSQL's JSON operator ? is written ??.");
            } else {
                sql.append(c);
                i++;
            }
        }
        List<String> distinct = new ArrayList<>();
        for (String name : names) {
            if (!distinct.contains(name)) {
                distinct.add(name);
            }
        }
        return new ParsedText(text, new CompiledSql(sql.toString(), names), List.copyOf(distinct));
    }

    private static int skipQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote != '"') {
                // MariaDB treats a backslash as an escape inside string literals; a quote after one
                // does not end the literal there.
                i += 2;
                continue;
            }
            i++;
        }
        return text.length();
    }

    /** Returns the index after a PostgreSQL dollar-quote tag such as {@code $$} or {@code $body$}, or -1. */
    private static int dollarTagEnd(String text, int start) {
        if (start > 0 && isNamePart(text.charAt(start - 1))) {
            return -1;
        }
        int i = start + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(text.charAt(i))) {
                return -1;
            }
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
