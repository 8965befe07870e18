package io.athanor.orm.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Provides one invocation of an {@link AcrossDatabases} test per selected database. */
final class DatabaseInvocationProvider implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(AcrossDatabases.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Arrays.stream(DatabaseKind.values()).filter(ServerAvailability::selected).map(Invocation::new);
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final DatabaseKind kind;

        Invocation(DatabaseKind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.label() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new DatabaseLifecycle(kind));
        }
    }

    private static final class DatabaseLifecycle
            implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(DatabaseLifecycle.class);
        private final DatabaseKind kind;

        DatabaseLifecycle(DatabaseKind kind) {
            this.kind = kind;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = ServerAvailability.unreachableReason(kind);
            if (reason == null || ServerAvailability.required(kind)) {
                return ConditionEvaluationResult.enabled(kind.label() + " is available");
            }
            DatabaseSummary.skipped(kind, reason);
            return ConditionEvaluationResult.disabled("SKIPPED on " + reason);
        }

        @Override
        public void beforeEach(ExtensionContext context) throws Exception {
            String reason = ServerAvailability.unreachableReason(kind);
            if (reason != null) {
                throw new IllegalStateException(reason + "; ATHANOR_REQUIRE_DATABASES requires it");
            }
            String name = kind.newDatabaseName();
            kind.create(name);
            context.getStore(NAMESPACE).put(TestDatabase.class, new TestDatabase(kind, name));
            DatabaseSummary.ran(kind);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
            if (database != null) {
                database.close();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
        }
    }
}
