package io.athanor.benchmarks.peers.mybatis;

import io.athanor.benchmarks.Parent;

import java.util.List;

/** Parents with their children through a nested result map over one join; SQL in ParentMapper.xml. */
public interface ParentMapper {

    List<Parent> findAllWithChildren();
}
