package io.athanor.benchmarks.peers.mybatis;

import io.athanor.benchmarks.Item;

import java.util.List;

/** Statements on {@code bench_item}; SQL in ItemMapper.xml. */
public interface ItemMapper {

    void insert(Item item);

    List<Item> findAll();

    Item findById(long id);

    void updateQuantity(Item item);
}
