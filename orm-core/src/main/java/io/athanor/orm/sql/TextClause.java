package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A textual SQL statement with {@code :named} parameters (SQLAlchemy's {@code text()}), created by
 * {@link Sql#text(String)}.
 *
 * <pre>{@code
 * conn.execute(Sql.text("select name from salesperson where id = :id").bind("id", 1));
 * }</pre>
 *
 * <p>Each {@code :name} becomes a JDBC parameter marker; values are always sent as bound
 * parameters, never spliced into the text. Colons inside string literals, quoted identifiers,
 * comments and PostgreSQL dollar-quoted strings are left alone, as are {@code ::} casts; write
 * {@code \:} for a literal colon elsewhere. Immutable: {@link #bind} returns a new clause.
 */
public final class TextClause implements Statement {

    private final ParsedText parsed;
    private final Map<String, Object> parameters;

    TextClause(String text) {
        this(ParsedText.parse(text), Map.of());
    }

    private TextClause(ParsedText parsed, Map<String, Object> parameters) {
        this.parsed = parsed;
        this.parameters = parameters;
    }

    /**
     * Returns a copy of this clause with {@code value} bound to {@code :name}.
     *
     * @param name a parameter the text declares, without the colon
     * @param value the value; {@code null} binds SQL NULL
     * @return the new clause
     * @throws ArgumentException when the text declares no such parameter
     */
    public TextClause bind(String name, Object value) {
        requireDeclared(name);
        Map<String, Object> copy = new LinkedHashMap<>(parameters);
        copy.put(name, value);
        return new TextClause(parsed, Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a copy of this clause with every entry of {@code values} bound.
     *
     * @param values values by parameter name
     * @return the new clause
     * @throws ArgumentException when the text declares no parameter of one of the names
     */
    public TextClause bind(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>(parameters);
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            requireDeclared(entry.getKey());
            copy.put(entry.getKey(), entry.getValue());
        }
        return new TextClause(parsed, Collections.unmodifiableMap(copy));
    }

    /** The parameter names the text declares, in order of first appearance. */
    public List<String> parameterNames() {
        return parsed.distinctNames();
    }

    /** The SQL text as written, with its {@code :named} parameters. */
    public String text() {
        return parsed.text();
    }

    @Override
    public CompiledSql compile(SqlDialect dialect) {
        return parsed.compiled();
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    private void requireDeclared(String name) {
        if (!parsed.distinctNames().contains(name)) {
            throw new ArgumentException("ATH-E020", "The statement declares no parameter :" + name
                    + "; it declares " + (parsed.distinctNames().isEmpty() ? "none"
                    : CompiledSql.colonList(parsed.distinctNames())) + ". Statement: [" + parsed.text() + "]");
        }
    }

    @Override
    public String toString() {
        return parsed.text();
    }
}
