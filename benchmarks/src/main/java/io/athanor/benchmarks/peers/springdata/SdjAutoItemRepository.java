package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.repository.ListCrudRepository;

/** The repository of {@link SdjAutoItem}. */
public interface SdjAutoItemRepository extends ListCrudRepository<SdjAutoItem, Long> {
}
