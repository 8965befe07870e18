package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compile-only: how Sql.text turns :named parameters into JDBC markers. */
class TextClauseTest {

    private static CompiledSql compile(String text) {
        return Sql.text(text).compile(null);
    }

    @Test
    void namedParametersBecomeMarkersInOrder() {
        CompiledSql compiled = compile("insert into t values (:id, :name, :id)");

        assertThat(compiled.sql()).isEqualTo("insert into t values (?, ?, ?)");
        assertThat(compiled.parameterNames()).containsExactly("id", "name", "id");
    }

    @Test
    void colonsInLiteralsQuotedNamesAndCommentsAreLeftAlone() {
        CompiledSql compiled = compile("select ':a', \"b:c\", `d:e` -- :f\n from t /* :g */ where x = :x");

        assertThat(compiled.sql()).isEqualTo("select ':a', \"b:c\", `d:e` -- :f\n from t /* :g */ where x = ?");
        assertThat(compiled.parameterNames()).containsExactly("x");
    }

    @Test
    void postgresCastsAndDollarQuotesAreLeftAlone() {
        CompiledSql compiled = compile("select :v::text, $$ :no $$, $tag$ :no $tag$");

        assertThat(compiled.sql()).isEqualTo("select ?::text, $$ :no $$, $tag$ :no $tag$");
        assertThat(compiled.parameterNames()).containsExactly("v");
    }

    @Test
    void aBackslashEscapesALiteralColon() {
        assertThat(compile("select '12' \\:30").sql()).isEqualTo("select '12' :30");
    }

    @Test
    void aDoubledQuoteInsideALiteralDoesNotEndIt() {
        CompiledSql compiled = compile("select 'it''s :not' where a = :a");

        assertThat(compiled.sql()).isEqualTo("select 'it''s :not' where a = ?");
        assertThat(compiled.parameterNames()).containsExactly("a");
    }

    @Test
    void bindReturnsANewClauseAndLeavesTheOriginalUnchanged() {
        TextClause original = Sql.text("select :a, :b");
        TextClause bound = original.bind("a", 1).bind(Map.of("b", 2));

        assertThat(original.parameters()).isEmpty();
        assertThat(bound.parameters()).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(bound.parameterNames()).containsExactly("a", "b");
    }

    @Test
    void bindingAnUndeclaredParameterIsRefused() {
        assertThatThrownBy(() -> Sql.text("select * from t where id = :id").bind("name", "x"))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E020] The statement declares no parameter :name; it declares :id. Statement:"
                        + " [select * from t where id = :id]");
    }

    @Test
    void executingWithAnUnboundParameterNamesIt() {
        CompiledSql compiled = compile("select * from t where id = :id and name = :name");

        assertThatThrownBy(() -> compiled.arrange(Map.of("id", 1)))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E021] No value bound for parameter(s) :name of statement [select * from t where id = ?"
                        + " and name = ?]. Bind each with .bind(\"name\", value) before executing (use .bind(\"name\","
                        + " null) for SQL NULL).");
    }

    @Test
    void aNullValueIsABoundValue() {
        Object[] values = compile("select :a").arrange(java.util.Collections.singletonMap("a", null));

        assertThat(values).containsExactly((Object) null);
    }

    @Test
    void aPositionalMarkerIsRefusedWithAHint() {
        assertThatThrownBy(() -> Sql.text("select * from t where id = ?"))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E023] Positional parameter '?' at offset 27 of [select * from t where id = ?]:"
                        + " Sql.text(..) takes named parameters only. Write :name and bind it with"
                        + " .bind(\"name\", value). A literal question mark belongs inside a quoted string;"
                        + " PostgreSQL's JSON operator ? is written ??.");
    }

    @Test
    void anEmptyStatementIsRefused() {
        assertThatThrownBy(() -> Sql.text("  "))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E022] Sql.text(..) needs a non-empty SQL statement.");
    }

    @Test
    void aHostileValueNeverEntersTheSqlText() {
        TextClause clause = Sql.text("select * from users where name = :name").bind("name", "x' or '1'='1");

        assertThat(clause.compile(null).sql()).isEqualTo("select * from users where name = ?");
        assertThat(clause.compile(null).arrange(clause.parameters())).containsExactly("x' or '1'='1");
        assertThat(List.of(clause.toString())).containsExactly("select * from users where name = :name");
    }
}
