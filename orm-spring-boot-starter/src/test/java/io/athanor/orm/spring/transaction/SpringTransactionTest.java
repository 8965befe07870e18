package io.athanor.orm.spring.transaction;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.autoconfigure.AthanorAutoConfiguration;
import io.athanor.orm.spring.model.ModelPackage;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.DatabaseKind;
import io.athanor.orm.testing.TestDatabase;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions bound to Spring transactions, on every database. */
class SpringTransactionTest {

    @Configuration(proxyBeanMethods = false)
    static class Services {
        @Bean
        CustomerService customerService(SessionFactory sessions, JdbcTemplate jdbc) {
            return new CustomerService(sessions, jdbc);
        }
    }

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        TransactionAutoConfiguration.class, AthanorAutoConfiguration.class))
                .withUserConfiguration(ModelPackage.class, Services.class)
                .withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "athanor.schema.create=always");
    }

    private static CustomerService service(org.springframework.context.ApplicationContext context) {
        CustomerService service = context.getBean(CustomerService.class);
        // Calls through the proxy, so that propagation settings of the inner method apply.
        ((CustomerService) org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(service)).setSelf(service);
        return service;
    }

    private static long count(org.springframework.context.ApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from customers", Long.class);
    }

    @AcrossDatabases
    void aTransactionalMethodCommitsItsSessionsWork(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            long id = service.create("Ed");
            service.rename(id, "Edward");

            assertThat(service.nameOf(id)).isEqualTo("Edward");
            assertThat(count(context)).isEqualTo(1);
        });
    }

    @AcrossDatabases
    void aRuntimeExceptionRollsBackEverything(TestDatabase db) {
        runner(db).run(context -> {
            assertThatThrownBy(() -> service(context).createThenFail("Ed")).hasMessage("business rule broken");
            assertThat(count(context)).isZero();
        });
    }

    @AcrossDatabases
    void jdbcTemplateAndAthanorSeeEachOthersWritesInOneTransaction(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            assertThat(service.athanorSeesJdbcTemplateWrites("Ed")).isEqualTo(1);
            assertThat(service.jdbcTemplateSeesAthanorWrites("Wendy")).isEqualTo(1);
        });
    }

    @AcrossDatabases
    void requiresNewCommitsIndependentlyOfTheOuterTransaction(TestDatabase db) {
        runner(db).run(context -> {
            assertThatThrownBy(() -> service(context).outerFailsAfterInnerCommits("Outer", "Inner"))
                    .hasMessage("outer fails");
            assertThat(context.getBean(JdbcTemplate.class).queryForList("select name from customers", String.class))
                    .containsExactly("Inner");
        });
    }

    @AcrossDatabases
    void aFailedNestedTransactionRollsBackToItsSavepoint(TestDatabase db) {
        runner(db).run(context -> {
            service(context).outerKeepsWorkWhenNestedFails("Outer", "Inner");
            assertThat(context.getBean(JdbcTemplate.class).queryForList("select name from customers", String.class))
                    .containsExactly("Outer");
        });
    }

    @AcrossDatabases
    void aSwallowedDatabaseErrorFailsTheCommitOnPostgresqlInsteadOfLosingTheWorkSilently(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            if (db.kind() == DatabaseKind.POSTGRESQL) {
                // PostgreSQL aborted the transaction at the error: its COMMIT would have rolled back, reporting success.
                assertThatThrownBy(() -> service.createThenSwallowADatabaseError("Ed"))
                        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("[ATH-E103] ");
                assertThat(count(context)).isZero();
            } else {
                // H2 and MariaDB undo only the failed statement: the rest of the transaction commits.
                service.createThenSwallowADatabaseError("Ed");
                assertThat(count(context)).isEqualTo(1);
            }
        });
    }

    @AcrossDatabases
    void aDatabaseErrorInANestedTransactionIsUndoneByItsSavepointAndTheOuterOneCommits(TestDatabase db) {
        runner(db).run(context -> {
            service(context).outerGoesOnAfterADatabaseErrorInANestedTransaction("Outer", "Inner", "After");
            assertThat(context.getBean(JdbcTemplate.class).queryForList("select name from customers order by id",
                    String.class)).containsExactly("Outer", "After");
        });
    }

    @AcrossDatabases
    void aFlushThatFailsInANestedTransactionIsUndoneByItsSavepointAndTheOuterOneCommits(TestDatabase db) {
        runner(db).run(context -> {
            List<String> skipped = service(context).createEachInANestedTransactionSkippingDuplicates("Outer",
                    List.of("A", "Outer", "B", "A"));

            assertThat(skipped).containsExactly("Outer", "A");
            assertThat(names(context)).containsExactly("Outer", "A", "B");
        });
    }

    @AcrossDatabases
    void anObjectChangedInANestedTransactionWhoseFlushFailsGetsItsEarlierValueBack(TestDatabase db) {
        runner(db).run(context -> {
            String name = service(context).renameInANestedTransactionWhoseFlushFails("Ed", "Edward", "Wendy");

            assertThat(name).isEqualTo("Ed");
            assertThat(names(context)).containsExactly("Ed", "Wendy");
        });
    }

    @AcrossDatabases
    void aNestedTransactionThatOpenedTheSessionUndoesAllOfItsWorkWhenItsFlushFails(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            service.create("Ed");

            service.outerGoesOnAfterANestedTransactionThatOpenedTheSessionFailed("Ed", "After");

            assertThat(names(context)).containsExactly("Ed", "After");
        });
    }

    @AcrossDatabases
    void aNestedTransactionCannotGoOnAfterItsFlushFailed(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            service.create("Ed");

            assertThatThrownBy(() -> service.outerCallsANestedTransactionThatGoesOnAfterAFailedFlush("Outer", "Ed"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasCauseInstanceOf(IntegrityException.class)
                    .hasMessageStartingWith("[ATH-E128] A flush of Session#")
                    .hasMessageContaining(" failed inside a savepoint that the transaction's manager began (Spring's"
                            + " Propagation.NESTED): [ATH-E030] ")
                    .hasMessageEndingWith(" The session refuses work until the manager rolls back to that savepoint,"
                            + " which restores the objects changed since it began: let the exception leave the NESTED"
                            + " method. If that method has returned already, roll back the whole transaction.");
            assertThat(names(context)).containsExactly("Ed");
        });
    }

    private static List<String> names(org.springframework.context.ApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForList("select name from customers order by id", String.class);
    }

    @AcrossDatabases
    void aReadOnlyTransactionDoesNotFlush(TestDatabase db) {
        runner(db).run(context -> {
            CustomerService service = service(context);
            long id = service.create("Ed");
            service.renameInReadOnlyTransaction(id, "Changed");
            assertThat(service.nameOf(id)).isEqualTo("Ed");
        });
    }

    @AcrossDatabases
    void currentSessionIsOnePerTransaction(TestDatabase db) {
        runner(db).run(context -> assertThat(service(context).sameSessionTwice()).isTrue());
    }

    @AcrossDatabases
    void currentSessionOutsideATransactionIsAClearError(TestDatabase db) {
        runner(db).run(context -> assertThatThrownBy(() -> context.getBean(SessionFactory.class).currentSession())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[ATH-E075] sessionFactory.currentSession() was called outside a Spring transaction."
                        + " Annotate the calling method (or its class) with @Transactional, or open a session yourself"
                        + " with sessionFactory.openSession() (or inTransaction(..))."));
    }
}
