package io.athanor.orm.reliability;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads the small JSON documents of the hostile-input tests: an object of strings and
 * numbers. Databases give JSON back re-formatted (PostgreSQL's jsonb reorders keys and re-escapes, H2
 * drops whitespace), so documents are compared by content, parsed here.
 */
final class EdgeJson {

    private final String text;
    private int at;

    private EdgeJson(String text) {
        this.text = text;
    }

    /** A JSON string literal for {@code value}: quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The members of a JSON object of strings and numbers (numbers as BigDecimal). */
    static Map<String, Object> parseObject(String json) {
        EdgeJson parser = new EdgeJson(json);
        Map<String, Object> members = parser.object();
        parser.space();
        if (parser.at != json.length()) {
            throw new IllegalArgumentException("trailing text at " + parser.at + " in " + json);
        }
        return members;
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        space();
        if (peek() == '}') {
            at++;
            return members;
        }
        do {
            space();
            String key = string();
            space();
            expect(':');
            space();
            members.put(key, peek() == '"' ? string() : number());
            space();
        } while (next() == ',');
        at--;
        expect('}');
        return members;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            } else if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                    break;
                default: out.append(escaped);
            }
        }
    }

    private BigDecimal number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        return new BigDecimal(text.substring(start, at));
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        return text.charAt(at);
    }

    private char next() {
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1) + " in " + text);
        }
    }
}
