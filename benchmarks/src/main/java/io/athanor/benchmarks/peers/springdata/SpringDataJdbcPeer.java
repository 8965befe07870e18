package io.athanor.benchmarks.peers.springdata;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Spring Data JDBC in a small Spring context (no Boot auto-configuration) over the benchmark's pool:
 * the repositories and a {@link TransactionTemplate} that gives each unit of work one transaction.
 */
public final class SpringDataJdbcPeer implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;
    public final TransactionTemplate transactions;
    public final SdjItemRepository items;
    public final SdjAutoItemRepository autoItems;
    public final SdjParentRepository parents;

    /**
     * @param singleQueryLoading whether to turn on Spring Data JDBC's opt-in Single Query Loading, which
     *                           loads an aggregate and its collection in one SELECT where the dialect allows
     */
    public SpringDataJdbcPeer(DataSource dataSource, String database, boolean singleQueryLoading) {
        context = new AnnotationConfigApplicationContext();
        // The pool belongs to the workload: keep Spring from closing it with the context, as it would any
        // AutoCloseable bean.
        context.registerBean("dataSource", DataSource.class, () -> dataSource,
                definition -> ((AbstractBeanDefinition) definition).setDestroyMethodName(""));
        context.registerBean(SdjSettings.class, () -> new SdjSettings(database, singleQueryLoading));
        context.register(SdjConfiguration.class);
        context.refresh();
        transactions = context.getBean(TransactionTemplate.class);
        items = context.getBean(SdjItemRepository.class);
        autoItems = context.getBean(SdjAutoItemRepository.class);
        parents = context.getBean(SdjParentRepository.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
