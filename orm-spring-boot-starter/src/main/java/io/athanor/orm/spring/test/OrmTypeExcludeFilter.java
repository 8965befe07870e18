package io.athanor.orm.spring.test;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Leaves the application's components out of an {@link OrmTest} context, unless included explicitly. */
class OrmTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<OrmTest> {

    OrmTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
