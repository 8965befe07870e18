package io.athanor.orm.sql;

/**
 * The entry point of the SQL expression language: static factories for statements, meant to be
 * imported statically.
 *
 * <pre>{@code
 * import static io.athanor.orm.sql.Sql.text;
 *
 * conn.execute(text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
 * }</pre>
 */
public final class Sql {

    private Sql() {
    }

    /**
     * A textual statement with {@code :named} parameters (SQLAlchemy's {@code text()}).
     *
     * @param sql the SQL text
     * @return the statement, with no values bound yet
     * @throws io.athanor.orm.ArgumentException when the text is empty or uses positional {@code ?}
     */
    public static TextClause text(String sql) {
        return new TextClause(sql);
    }
}
