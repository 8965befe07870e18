package io.athanor.benchmarks.peers.springdata;

/** What the Spring configuration needs from the workload: which database, and which loading strategy. */
record SdjSettings(String database, boolean singleQueryLoading) {
}
