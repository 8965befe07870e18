package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.InvalidRequestException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a statement tree into SQL text and an ordered list of bound values. It runs in one of two
 * modes over the same tree walk: the <em>key</em> mode writes a cheap structural key (names unquoted
 * and unresolved, every value a {@code ?}) and collects the values; the <em>SQL</em> mode resolves
 * entities to tables, quotes identifiers and writes the real SQL. A statement whose key is in the
 * {@link CompiledCache} is never compiled in SQL mode again.
 */
public final class SqlCompiler {

    private final boolean keyMode;
    private final SqlDialect dialect;
    private final EntityResolver resolver;
    private final StringBuilder out = new StringBuilder(128);
    private final List<Object> values = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private List<ResultSlot> slots = List.of();
    /** When set, the walk only records which entities the expressions outside any nested SELECT refer to. */
    private List<Scope.EntitySource> collected;
    private int columnsInSlots;
    /** Set when the top-level statement is a SELECT; see {@link CompiledSql#readsOnly()}. */
    private boolean select;
    /** Set by what makes a SELECT depend on its transaction: a lock, the transaction's clock. */
    private boolean transactional;

    SqlCompiler(boolean keyMode, SqlDialect dialect, EntityResolver resolver) {
        this.keyMode = keyMode;
        this.dialect = dialect;
        this.resolver = resolver;
    }

    /** A walk that finds the entities an expression refers to, for the FROM clause. */
    static SqlCompiler collector(SqlDialect dialect) {
        SqlCompiler compiler = new SqlCompiler(true, dialect, null);
        compiler.collected = new ArrayList<>();
        return compiler;
    }

    boolean collecting() {
        return collected != null;
    }

    List<Scope.EntitySource> collected() {
        return collected;
    }

    /** Whether this pass only builds the structural key. */
    boolean keyMode() {
        return keyMode;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** Appends SQL text verbatim (keywords, punctuation). */
    SqlCompiler append(String text) {
        out.append(text);
        return this;
    }

    /** Appends an identifier, quoted by the dialect where needed. */
    SqlCompiler identifier(String name) {
        out.append(keyMode ? name : dialect.quoteIdentifier(name));
        return this;
    }

    /** Appends a parameter marker and records its value. */
    SqlCompiler bind(Object value, SqlType type, String nameHint) {
        out.append('?');
        values.add(type == null ? value : io.athanor.orm.engine.TypedValue.of(value, type));
        names.add(nameHint + "_" + values.size());
        return this;
    }

    /**
     * Binds a value an INSERT or UPDATE writes into an entity's attribute, after the entity's check that
     * its column stores it exactly (as a flush does). Checked in the pass that collects the values, which
     * every execution runs, and not again when the SQL is compiled.
     */
    SqlCompiler bindWritten(Class<?> entity, String attribute, Object value) {
        Object written = value;
        if (keyMode && value != null && resolver != null) {
            written = resolver.entity(entity).storable(attribute, value, dialect.storageLimits(), dialect.name());
        }
        return bind(written, columnType(entity, attribute), attribute);
    }

    /** The table information of an entity; in key mode only its name is needed, so nothing is resolved. */
    EntityInfo entity(Class<?> type) {
        if (resolver == null) {
            throw new InvalidRequestException("ATH-E080", "The statement refers to the mapped class "
                    + type.getSimpleName() + ", which a plain Connection cannot resolve; execute it through a Session,"
                    + " whose Registry knows the class.");
        }
        return resolver.entity(type);
    }

    /** Writes a table reference for an entity, with its alias. */
    void entityTable(Class<?> type, String alias) {
        if (keyMode) {
            out.append(type.getName());
        } else {
            identifier(entity(type).tableName());
        }
        if (alias != null) {
            out.append(" AS ");
            identifier(alias);
        }
    }

    /** Writes a column of an entity (qualified with the table or alias when {@code qualify}). */
    void entityColumn(Class<?> type, String alias, String attribute, boolean qualify) {
        if (collected != null) {
            if (scopes.isEmpty() && type != null) {
                collected.add(new Scope.EntitySource(type, alias));
            }
            return;
        }
        if (keyMode) {
            out.append(type == null ? "?" : type.getName()).append('/').append(alias).append('.').append(attribute);
            return;
        }
        EntityInfo info = entity(type);
        String column = info.columnName(attribute);
        if (qualify) {
            identifier(alias != null ? alias : info.tableName()).append(".");
        }
        identifier(column);
    }

    SqlType columnType(Class<?> type, String attribute) {
        return keyMode || resolver == null ? null : entity(type).columnType(attribute);
    }

    void pushScope(Scope scope) {
        scopes.push(scope);
    }

    void popScope() {
        scopes.pop();
    }

    Scope scope() {
        return scopes.peek();
    }

    /** The entity an unbound {@code Sql.col("name")} refers to: the primary entity of the innermost SELECT. */
    Scope.EntitySource primaryEntity(String attribute) {
        for (Scope scope : scopes) {
            if (scope.primary() != null) {
                return scope.primary();
            }
        }
        throw new ArgumentException("ATH-E081", "Sql.col(\"" + attribute + "\") names no entity, and the statement"
                + " selects none to resolve it against; use Sql.col(Entity.class, \"" + attribute + "\").");
    }

    /** Whether columns are qualified with their table in the current context (not in UPDATE/DELETE). */
    boolean qualifyColumns() {
        Scope scope = scopes.peek();
        return scope == null || scope.qualify();
    }

    void recordSlots(List<ResultSlot> resultSlots) {
        this.slots = resultSlots;
    }

    int columnsInSlots() {
        return columnsInSlots;
    }

    void columnsInSlots(int count) {
        this.columnsInSlots = count;
    }

    String text() {
        return out.toString();
    }

    List<Object> values() {
        return values;
    }

    /** The statement being compiled is a SELECT (or a compound of SELECTs). */
    void selectStatement() {
        select = true;
    }

    /** What was just written makes the SELECT's result depend on running inside a transaction. */
    void needsTransaction() {
        transactional = true;
    }

    CompiledStatement result() {
        return new CompiledStatement(new CompiledSql(out.toString(), names, select && !transactional), slots);
    }
}
