package io.athanor.orm.sql;

/** Plain standard SQL, for naming parameters when no database is at hand. */
final class AnsiDialect implements SqlDialect {

    static final AnsiDialect INSTANCE = new AnsiDialect();

    @Override
    public String name() {
        return "ansi";
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return identifier;
    }

    @Override
    public String limitOffsetClause(boolean hasLimit, boolean hasOffset) {
        return (hasLimit ? " LIMIT ?" : "") + (hasOffset ? " OFFSET ?" : "");
    }

    @Override
    public boolean supportsIlike() {
        return false;
    }

    @Override
    public boolean supportsNullsOrdering() {
        return true;
    }

    @Override
    public String castTypeName(SqlType type) {
        return type.toString();
    }

    @Override
    public boolean supportsReturning(String verb) {
        return true;
    }

    @Override
    public String forUpdateClause(LockMode mode) {
        return " FOR UPDATE";
    }
}
