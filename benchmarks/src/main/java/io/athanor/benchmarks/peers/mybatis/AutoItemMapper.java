package io.athanor.benchmarks.peers.mybatis;

import io.athanor.benchmarks.AutoItem;

import java.util.List;

/** Inserts into {@code bench_auto_item} that write the generated key back; SQL in AutoItemMapper.xml. */
public interface AutoItemMapper {

    /** One row per statement, for a BATCH session: the keys come back per batch (H2). */
    void insert(AutoItem item);

    /** One multi-row INSERT for the whole list, with the keys of every row (PostgreSQL). */
    void insertAll(List<AutoItem> items);
}
