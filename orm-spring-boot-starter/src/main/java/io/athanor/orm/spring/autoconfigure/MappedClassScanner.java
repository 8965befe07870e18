package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.MappingException;
import io.athanor.orm.mapping.Table;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code @Table} classes of the application with Spring's class-path scanning (which also
 * reads Spring Boot's nested jars): in {@code athanor.scan-packages} when set, else in the
 * {@code @EntityScan} packages, else in the auto-configuration packages.
 */
final class MappedClassScanner {

    private final ApplicationContext context;

    MappedClassScanner(ApplicationContext context) {
        this.context = context;
    }

    Set<Class<?>> scan(List<String> packages) {
        if (packages.isEmpty()) {
            try {
                return new EntityScanner(context).scan(Table.class);
            } catch (ClassNotFoundException unloadable) {
                throw new MappingException("ATH-E058", "A @Table class found while scanning could not be loaded: "
                        + unloadable.getMessage(), unloadable);
            }
        }
        ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false);
        provider.setEnvironment(context.getEnvironment());
        provider.setResourceLoader(context);
        provider.addIncludeFilter(new AnnotationTypeFilter(Table.class));
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String packageName : packages) {
            Set<BeanDefinition> found = provider.findCandidateComponents(packageName);
            if (found.isEmpty()) {
                throw new MappingException("ATH-E058", "athanor.scan-packages names package '" + packageName
                        + "', which holds no @Table class; correct the package name (sub-packages are included).");
            }
            for (BeanDefinition definition : found) {
                classes.add(ClassUtils.resolveClassName(definition.getBeanClassName(), context.getClassLoader()));
            }
        }
        return classes;
    }
}
