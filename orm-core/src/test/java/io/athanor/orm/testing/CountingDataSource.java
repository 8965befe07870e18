package io.athanor.orm.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * A DataSource that records what the ORM asks of the JDBC driver: every call that can cost a round trip
 * (statements executed, COMMIT, ROLLBACK) and the settings that decide how a transaction and a result
 * behave (auto-commit mode, fetch size). Tests of round trips assert on these calls, not on time.
 *
 * <p>Each {@link #getConnection()} opens a new connection of the wrapped DataSource, so the auto-commit
 * mode a connection starts in is the driver's default (on), as with Spring Boot's HikariCP.
 */
public final class CountingDataSource extends DataSourceSupport {

    private final DataSource target;
    private final List<String> calls = new ArrayList<>();

    /**
     * Wraps a DataSource.
     *
     * @param target where connections come from
     */
    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /**
     * The calls recorded so far, in order: {@code execute}, {@code commit}, {@code rollback},
     * {@code setAutoCommit(true|false)}, {@code setFetchSize(n)}, and {@code getMetaData} of a result.
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many recorded calls equal {@code call}. */
    public synchronized long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    /** Forgets the calls recorded so far. */
    public synchronized void clear() {
        calls.clear();
    }

    private synchronized void record(String call) {
        calls.add(call);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = target.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler(connection, method -> {
                    switch (method.getName()) {
                        case "commit", "rollback" -> {
                            return method.getParameterCount() == 0 ? method.getName() : null;
                        }
                        default -> {
                            return null;
                        }
                    }
                }));
    }

    /** Names the call to record for a method, or null; a description of the arguments is added. */
    private interface Recorded {
        String name(Method method);
    }

    private InvocationHandler handler(Object target, Recorded recorded) {
        return (proxy, method, args) -> {
            String name = recorded.name(method);
            if (name != null) {
                record(name);
            } else if (method.getName().equals("setAutoCommit") || method.getName().equals("setFetchSize")) {
                record(method.getName() + "(" + args[0] + ")");
            } else if (method.getName().startsWith("execute") && target instanceof Statement) {
                record("execute");
            } else if (method.getName().equals("getMetaData") && target instanceof ResultSet) {
                record("getMetaData");
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
            if (result instanceof ResultSet) {
                return Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                        handler(result, method1 -> null));
            }
            if (result instanceof PreparedStatement) {
                return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, handler(result, method1 -> null));
            }
            if (result instanceof Statement) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        handler(result, method1 -> null));
            }
            return result;
        };
    }
}
