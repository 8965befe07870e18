package io.athanor.orm.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code athanor.engine.url} is not set, so the engine uses the application's DataSource. */
class OnNoEngineUrlCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("athanor.engine.url");
        return url == null || url.isBlank()
                ? ConditionOutcome.match("athanor.engine.url is not set: the application's DataSource is used")
                : ConditionOutcome.noMatch("athanor.engine.url is set: Athanor has its own pool");
    }
}
