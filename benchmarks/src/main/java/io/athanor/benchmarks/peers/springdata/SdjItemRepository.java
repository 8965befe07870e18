package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.repository.ListCrudRepository;

/** The repository of {@link SdjItem}. */
public interface SdjItemRepository extends ListCrudRepository<SdjItem, Long> {
}
