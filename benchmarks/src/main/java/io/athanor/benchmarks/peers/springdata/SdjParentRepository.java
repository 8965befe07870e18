package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.repository.ListCrudRepository;

/** The repository of {@link SdjParent} aggregates. */
public interface SdjParentRepository extends ListCrudRepository<SdjParent, Long> {
}
