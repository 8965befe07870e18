package io.athanor.benchmarks.peers.jooq;

import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import static org.jooq.impl.DSL.unquotedName;

/**
 * The benchmark tables as typed jOOQ objects, written by hand where a project would generate them.
 * Names are unquoted, as the tables were created, so that H2 folds them to upper case like its DDL did.
 */
public final class Tables {

    public static final Table<Record> ITEM = DSL.table(unquotedName("bench_item"));
    public static final Field<Long> ITEM_ID = field("bench_item", "id", SQLDataType.BIGINT);
    public static final Field<String> ITEM_NAME = field("bench_item", "name", SQLDataType.VARCHAR(40));
    public static final Field<Integer> ITEM_QUANTITY = field("bench_item", "quantity", SQLDataType.INTEGER);

    public static final Table<Record> AUTO_ITEM = DSL.table(unquotedName("bench_auto_item"));
    public static final Field<Long> AUTO_ITEM_ID = field("bench_auto_item", "id", SQLDataType.BIGINT.identity(true));
    public static final Field<String> AUTO_ITEM_NAME = field("bench_auto_item", "name", SQLDataType.VARCHAR(40));
    public static final Field<Integer> AUTO_ITEM_QUANTITY = field("bench_auto_item", "quantity", SQLDataType.INTEGER);

    public static final Table<Record> PARENT = DSL.table(unquotedName("bench_parent"));
    public static final Field<Long> PARENT_ID = field("bench_parent", "id", SQLDataType.BIGINT);
    public static final Field<String> PARENT_NAME = field("bench_parent", "name", SQLDataType.VARCHAR(40));

    public static final Table<Record> CHILD = DSL.table(unquotedName("bench_child"));
    public static final Field<Long> CHILD_ID = field("bench_child", "id", SQLDataType.BIGINT);
    public static final Field<Long> CHILD_PARENT_ID = field("bench_child", "parent_id", SQLDataType.BIGINT);
    public static final Field<String> CHILD_NAME = field("bench_child", "name", SQLDataType.VARCHAR(40));
    public static final Field<Integer> CHILD_QUANTITY = field("bench_child", "quantity", SQLDataType.INTEGER);

    private Tables() {
    }

    private static <T> Field<T> field(String table, String column, org.jooq.DataType<T> type) {
        // Qualified, so that the correlated MULTISET subquery can tell bench_child.id from bench_parent.id.
        Name name = unquotedName(table, column);
        return DSL.field(name, type);
    }
}
