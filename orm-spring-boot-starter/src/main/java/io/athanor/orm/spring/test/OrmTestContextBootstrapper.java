package io.athanor.orm.spring.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link OrmTest#properties()} into the test's environment. */
class OrmTestContextBootstrapper extends TestSliceTestContextBootstrapper<OrmTest> {
}
