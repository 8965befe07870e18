package io.athanor.orm.sql;

/**
 * {@code expression LIKE pattern}. Literal matches ({@code startsWith}, {@code contains}, ...) escape
 * {@code %}, {@code _} and the escape character {@code /} in the text, and say {@code ESCAPE '/'}, a
 * character no supported database treats specially in string literals.
 */
final class Like extends Expression<Boolean> {

    private final Expression<?> operand;
    private final String pattern;
    private final boolean caseInsensitive;
    private final boolean escaped;
    private final boolean negated;

    Like(Expression<?> operand, String pattern, boolean caseInsensitive, boolean escaped, boolean negated) {
        this.operand = operand;
        this.pattern = pattern;
        this.caseInsensitive = caseInsensitive;
        this.escaped = escaped;
        this.negated = negated;
    }

    static String escape(String text) {
        return text.replace("/", "//").replace("%", "/%").replace("_", "/_");
    }

    @Override
    void compile(SqlCompiler compiler) {
        boolean nativeIlike = caseInsensitive && compiler.dialect().supportsIlike();
        boolean lower = caseInsensitive && !nativeIlike;
        if (lower) {
            compiler.append("LOWER(");
        }
        Operation.operand(compiler, operand, COMPARE + 1);
        compiler.append(lower ? ")" : "");
        compiler.append(negated ? " NOT" : "").append(nativeIlike ? " ILIKE " : " LIKE ");
        if (lower) {
            compiler.append("LOWER(");
        }
        compiler.bind(pattern, null, operand.parameterName());
        compiler.append(lower ? ")" : "");
        if (escaped) {
            compiler.append(" ESCAPE '/'");
        }
    }

    @Override
    int precedence() {
        return COMPARE;
    }
}
