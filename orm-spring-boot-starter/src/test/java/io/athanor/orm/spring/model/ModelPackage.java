package io.athanor.orm.spring.model;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Makes this package the auto-configuration package, as a @SpringBootApplication here would. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ModelPackage {
}
