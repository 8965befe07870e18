package io.athanor.benchmarks.peers.mybatis;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

import javax.sql.DataSource;
import java.util.Properties;

/**
 * MyBatis configured in Java over the benchmark's pool; the SQL lives in the mapper XML files next to
 * each mapper interface ({@code io/athanor/benchmarks/peers/mybatis/*.xml}).
 */
public final class MyBatisPeer {

    private MyBatisPeer() {
    }

    public static SqlSessionFactory sqlSessionFactory(DataSource dataSource) {
        JdbcTransactionFactory transactions = new JdbcTransactionFactory();
        Properties properties = new Properties();
        // The pool restores auto-commit itself when a connection comes back; MyBatis's own reset on close
        // would be a second, redundant switch (the documented setting for pooled connections).
        properties.setProperty("skipSetAutoCommitOnClose", "true");
        transactions.setProperties(properties);
        Configuration configuration = new Configuration(new Environment("benchmarks", transactions, dataSource));
        // No mapper declares a second-level cache; this drops the caching executor that would wrap every session.
        configuration.setCacheEnabled(false);
        configuration.addMapper(ItemMapper.class);
        configuration.addMapper(AutoItemMapper.class);
        configuration.addMapper(ParentMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
