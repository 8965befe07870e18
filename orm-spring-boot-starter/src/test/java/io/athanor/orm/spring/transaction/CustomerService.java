package io.athanor.orm.spring.transaction;

import io.athanor.orm.DatabaseException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.model.Customer;
import io.athanor.orm.sql.Sql;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;

/** A service as users write them: @Transactional methods using the current session. */
public class CustomerService {

    private final SessionFactory sessions;
    private final JdbcTemplate jdbc;
    private CustomerService self;

    public CustomerService(SessionFactory sessions, JdbcTemplate jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    void setSelf(CustomerService self) {
        this.self = self;
    }

    @Transactional
    public Long create(String name) {
        Session session = sessions.currentSession();
        Customer customer = new Customer(name, "GB");
        session.add(customer);
        session.flush();
        return customer.getId();
    }

    @Transactional
    public void rename(long id, String name) {
        Session session = sessions.currentSession();
        session.get(Customer.class, id).setName(name);
    }

    @Transactional
    public void createThenFail(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        throw new IllegalStateException("business rule broken");
    }

    @Transactional
    public long athanorSeesJdbcTemplateWrites(String name) {
        jdbc.update("insert into customers (name) values (?)", name);
        return sessions.currentSession().scalars(select(Customer.class).where(col("name").eq(name))).all().size();
    }

    @Transactional
    public long jdbcTemplateSeesAthanorWrites(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        sessions.currentSession().flush();
        return jdbc.queryForObject("select count(*) from customers where name = ?", Long.class, name);
    }

    @Transactional
    public void outerFailsAfterInnerCommits(String outerName, String innerName) {
        sessions.currentSession().add(new Customer(outerName, "GB"));
        self.createInNewTransaction(innerName);
        throw new IllegalStateException("outer fails");
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void createInNewTransaction(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
    }

    @Transactional
    public void outerKeepsWorkWhenNestedFails(String outerName, String innerName) {
        sessions.currentSession().add(new Customer(outerName, "GB"));
        sessions.currentSession().flush();
        try {
            self.createInNestedTransactionThenFail(innerName);
        } catch (IllegalStateException expected) {
            // the nested transaction rolled back to its savepoint; the outer one goes on
        }
    }

    @Transactional(propagation = Propagation.NESTED)
    public void createInNestedTransactionThenFail(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        sessions.currentSession().flush();
        throw new IllegalStateException("nested fails");
    }

    @Transactional
    public void createThenSwallowADatabaseError(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        sessions.currentSession().flush();
        try {
            sessions.currentSession().execute(Sql.text("select no_such_column from customers")).all();
        } catch (DatabaseException swallowed) {
            // A mistake: on PostgreSQL the transaction is aborted now.
        }
    }

    @Transactional
    public void outerGoesOnAfterADatabaseErrorInANestedTransaction(String outerName, String innerName,
                                                                   String afterName) {
        sessions.currentSession().add(new Customer(outerName, "GB"));
        sessions.currentSession().flush();
        try {
            self.createInNestedTransactionThenFailInTheDatabase(innerName);
        } catch (DatabaseException expected) {
            // Spring rolled back to the nested transaction's savepoint, which recovers the outer one.
        }
        sessions.currentSession().add(new Customer(afterName, "GB"));
        sessions.currentSession().flush();
    }

    @Transactional(propagation = Propagation.NESTED)
    public void createInNestedTransactionThenFailInTheDatabase(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        sessions.currentSession().flush();
        sessions.currentSession().execute(Sql.text("select no_such_column from customers")).all();
    }

    @Transactional
    public List<String> createEachInANestedTransactionSkippingDuplicates(String outerName, List<String> names) {
        sessions.currentSession().add(new Customer(outerName, "GB"));
        sessions.currentSession().flush();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            try {
                self.createInNestedTransaction(name);
            } catch (IntegrityException duplicate) {
                skipped.add(name);
            }
        }
        return skipped;
    }

    @Transactional(propagation = Propagation.NESTED)
    public void createInNestedTransaction(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        sessions.currentSession().flush();
    }

    /** Returns the name the renamed customer has in the outer transaction once the nested one failed. */
    @Transactional
    public String renameInANestedTransactionWhoseFlushFails(String name, String newName, String taken) {
        Customer customer = new Customer(name, "GB");
        sessions.currentSession().addAll(List.of(customer, new Customer(taken, "GB")));
        sessions.currentSession().flush();
        try {
            self.renameThenAddInNestedTransaction(customer, newName, taken);
        } catch (IntegrityException duplicate) {
            // Spring rolled back to the savepoint, and the session with it.
        }
        return customer.getName();
    }

    @Transactional(propagation = Propagation.NESTED)
    public void renameThenAddInNestedTransaction(Customer customer, String newName, String duplicate) {
        customer.setName(newName);
        sessions.currentSession().add(new Customer(duplicate, "GB"));
        sessions.currentSession().flush();
    }

    @Transactional
    public void outerGoesOnAfterANestedTransactionThatOpenedTheSessionFailed(String duplicate, String afterName) {
        try {
            self.createInNestedTransaction(duplicate);
        } catch (IntegrityException expected) {
            // The session was opened inside the nested transaction: all of its work was undone.
        }
        sessions.currentSession().add(new Customer(afterName, "GB"));
    }

    @Transactional
    public void outerCallsANestedTransactionThatGoesOnAfterAFailedFlush(String outerName, String duplicate) {
        sessions.currentSession().add(new Customer(outerName, "GB"));
        sessions.currentSession().flush();
        self.createInNestedTransactionThenGoOnAfterTheFailure(duplicate);
    }

    @Transactional(propagation = Propagation.NESTED)
    public void createInNestedTransactionThenGoOnAfterTheFailure(String name) {
        sessions.currentSession().add(new Customer(name, "GB"));
        try {
            sessions.currentSession().flush();
        } catch (IntegrityException swallowed) {
            // A mistake: the savepoint is still there, and so is what the failed flush left in the session.
        }
        sessions.currentSession().add(new Customer(name + " again", "GB"));
    }

    @Transactional(readOnly = true)
    public void renameInReadOnlyTransaction(long id, String name) {
        sessions.currentSession().get(Customer.class, id).setName(name);
    }

    @Transactional(readOnly = true)
    public String nameOf(long id) {
        return sessions.currentSession().get(Customer.class, id).getName();
    }

    @Transactional
    public boolean sameSessionTwice() {
        return sessions.currentSession() == sessions.currentSession();
    }
}
