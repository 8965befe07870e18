package io.athanor.benchmarks.peers;

import io.athanor.benchmarks.peers.hibernate.HibernatePeer;
import io.athanor.benchmarks.peers.jdbi.JdbiPeer;
import io.athanor.benchmarks.peers.jooq.JooqPeer;
import io.athanor.benchmarks.peers.mybatis.MyBatisPeer;
import io.athanor.benchmarks.peers.springdata.SpringDataJdbcPeer;

import org.apache.ibatis.session.SqlSessionFactory;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;

import javax.sql.DataSource;

/**
 * The other data-access libraries a user might pick instead of Athanor, each built lazily over the one
 * pool of the trial. A trial builds only the peer its benchmark method is named after, so that no peer's
 * start-up (Hibernate's metamodel, Spring's context) runs inside, or next to, another peer's measurement.
 */
public final class Peers implements AutoCloseable {

    private final DataSource dataSource;
    private final String database;

    private SessionFactory hibernate;
    private DSLContext jooq;
    private Jdbi jdbi;
    private SqlSessionFactory mybatis;
    private SpringDataJdbcPeer springDataJdbc;
    private SpringDataJdbcPeer springDataJdbcSingleQuery;

    /**
     * @param dataSource the pool every peer shares
     * @param database   the workload's database parameter: {@code h2} or {@code postgresql}
     */
    public Peers(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /**
     * Builds the peer that a benchmark method measures, chosen by the method's name prefix
     * ({@code hibernate…}, {@code jooq…}, …); builds nothing for {@code jdbc…} and {@code athanor…} methods.
     */
    public void prepare(String method) {
        if (method.startsWith("hibernate")) {
            hibernate();
        } else if (method.startsWith("jooq")) {
            jooq();
        } else if (method.startsWith("jdbi")) {
            jdbi();
        } else if (method.startsWith("mybatis")) {
            mybatis();
        } else if (method.startsWith("springDataJdbcSingleQuery")) {
            springDataJdbcSingleQuery();
        } else if (method.startsWith("springDataJdbc")) {
            springDataJdbc();
        }
    }

    public SessionFactory hibernate() {
        if (hibernate == null) {
            hibernate = HibernatePeer.sessionFactory(dataSource);
        }
        return hibernate;
    }

    public DSLContext jooq() {
        if (jooq == null) {
            jooq = JooqPeer.dsl(dataSource, database);
        }
        return jooq;
    }

    public Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = JdbiPeer.jdbi(dataSource);
        }
        return jdbi;
    }

    public SqlSessionFactory mybatis() {
        if (mybatis == null) {
            mybatis = MyBatisPeer.sqlSessionFactory(dataSource);
        }
        return mybatis;
    }

    /** Spring Data JDBC with its default loading: one query for the roots, one per referenced collection. */
    public SpringDataJdbcPeer springDataJdbc() {
        if (springDataJdbc == null) {
            springDataJdbc = new SpringDataJdbcPeer(dataSource, database, false);
        }
        return springDataJdbc;
    }

    /** Spring Data JDBC with Single Query Loading enabled (used where the dialect supports it). */
    public SpringDataJdbcPeer springDataJdbcSingleQuery() {
        if (springDataJdbcSingleQuery == null) {
            springDataJdbcSingleQuery = new SpringDataJdbcPeer(dataSource, database, true);
        }
        return springDataJdbcSingleQuery;
    }

    /** Releases what the peers hold; the pool itself belongs to the workload and stays open. */
    @Override
    public void close() {
        if (hibernate != null) {
            hibernate.close();
        }
        if (springDataJdbc != null) {
            springDataJdbc.close();
        }
        if (springDataJdbcSingleQuery != null) {
            springDataJdbcSingleQuery.close();
        }
        // jOOQ, JDBI and MyBatis hold no resources of their own beyond the pool.
    }
}
