package io.athanor.orm.sql;

import java.util.List;

/** Writes the clauses that SELECT, compound SELECT, UPDATE and DELETE share: WHERE, ORDER BY, LIMIT and OFFSET. */
final class Clauses {

    private Clauses() {
    }

    /** {@code keyword} and the conditions joined with AND; nothing when there are none. */
    static void conditions(SqlCompiler compiler, String keyword, List<Expression<Boolean>> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        compiler.append(keyword);
        if (conditions.size() == 1) {
            conditions.get(0).compile(compiler);
        } else {
            new Junction(" AND ", conditions).compile(compiler);
        }
    }

    /** ORDER BY and its items; nothing when there are none. */
    static void orderBy(SqlCompiler compiler, List<Ordering> orderBy) {
        if (orderBy.isEmpty()) {
            return;
        }
        compiler.append(" ORDER BY ");
        for (int i = 0; i < orderBy.size(); i++) {
            if (i > 0) {
                compiler.append(", ");
            }
            orderBy.get(i).compile(compiler);
        }
    }

    /** LIMIT and OFFSET the dialect's way, each value bound; nothing when neither is given. */
    static void limit(SqlCompiler compiler, Long limit, Long offset) {
        String clause = compiler.dialect().limitOffsetClause(limit != null, offset != null);
        if (clause.isEmpty()) {
            return;
        }
        // The clause has one marker per given value, limit first.
        String[] pieces = clause.split("\\?", -1);
        compiler.append(pieces[0]);
        int piece = 1;
        if (limit != null && pieces.length > piece) {
            compiler.bind(limit, null, "limit").append(pieces[piece++]);
        }
        if (offset != null && pieces.length > piece) {
            compiler.bind(offset, null, "offset").append(pieces[piece]);
        }
    }
}
