package io.athanor.orm.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement of the expression language: SELECT, INSERT, UPDATE, DELETE or a UNION. It compiles for a
 * dialect and, when it refers to mapped classes, an {@link EntityResolver}; compiled forms are shared
 * through a {@link CompiledCache}.
 */
public abstract class CompilableStatement implements Statement {

    CompilableStatement() {
    }

    /** Writes the statement. */
    abstract void compileTo(SqlCompiler compiler);

    /**
     * Compiles (or finds in {@code cache}) this statement's SQL and collects its values.
     *
     * @param dialect the database
     * @param resolver the mapped classes, or null when the statement refers to none
     * @param cache the compiled cache, or null to always compile
     * @return the SQL and the values of this execution
     */
    public final BoundStatement bind(SqlDialect dialect, EntityResolver resolver, CompiledCache cache) {
        SqlCompiler keyPass = new SqlCompiler(true, dialect, resolver);
        compileTo(keyPass);
        if (cache == null) {
            return new BoundStatement(compileSql(dialect, resolver), keyPass.values());
        }
        String key = dialect.name() + "|" + (resolver == null ? "" : resolver.cacheKey()) + "|" + keyPass.text();
        CompiledStatement compiled = cache.get(key, () -> compileSql(dialect, resolver));
        return new BoundStatement(compiled, keyPass.values());
    }

    private CompiledStatement compileSql(SqlDialect dialect, EntityResolver resolver) {
        SqlCompiler sqlPass = new SqlCompiler(false, dialect, resolver);
        compileTo(sqlPass);
        return sqlPass.result();
    }

    @Override
    public final CompiledSql compile(SqlDialect dialect) {
        return compileSql(dialect, null).sql();
    }

    /** The values of this statement by the parameter names the compiler gives them ({@code name_1}, ...). */
    @Override
    public final Map<String, Object> parameters() {
        SqlCompiler keyPass = new SqlCompiler(true, AnsiDialect.INSTANCE, null);
        compileTo(keyPass);
        CompiledSql names = keyPass.result().sql();
        List<Object> values = keyPass.values();
        Map<String, Object> byName = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byName.put(names.parameterNames().get(i), values.get(i));
        }
        return byName;
    }

    /**
     * The SQL this statement compiles to on a dialect, for reading and tests; values appear as markers.
     *
     * @param dialect the database
     * @param resolver the mapped classes, or null
     * @return the SQL text
     */
    public final String toSql(SqlDialect dialect, EntityResolver resolver) {
        return compileSql(dialect, resolver).sql().sql();
    }
}
