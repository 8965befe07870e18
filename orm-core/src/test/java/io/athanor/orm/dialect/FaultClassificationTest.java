package io.athanor.orm.dialect;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.DatabaseException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.TransactionConflictException;
import io.athanor.orm.dialect.h2.H2Dialect;
import io.athanor.orm.dialect.mariadb.MariaDbDialect;
import io.athanor.orm.dialect.mariadb.MySqlDialect;
import io.athanor.orm.dialect.postgresql.PostgresDialect;
import io.athanor.orm.engine.Dialect;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each dialect classifies its driver's errors, for the codes the fault tests cannot produce on demand
 * (the real faults are produced in {@code reliability/Fault*Test}).
 */
class FaultClassificationTest {

    private static Object translate(Dialect dialect, SQLException error) {
        return dialect.translate(error, "select 1", List.of());
    }

    @Test
    void anH2IoExceptionCausedByTheSocketEndingIsALostConnection() {
        SQLException broken = new SQLException("IO Exception: \"java.io.EOFException\"", "90028", 90028,
                new EOFException());

        assertThat(translate(new H2Dialect(), broken)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void anH2IoExceptionOfAFileIsNotALostConnection() {
        SQLException disk = new SQLException("IO Exception: \"No space left on device\"", "90028", 90028);

        assertThat(translate(new H2Dialect(), disk)).isExactlyInstanceOf(DatabaseException.class);
    }

    @Test
    void mariaDbVendorCodesAreClassifiedByTheMariaDbDialect() {
        MariaDbDialect mariadb = new MariaDbDialect();

        assertThat(translate(mariadb, new SQLException("killed", "70100", 1927)))
                .isInstanceOf(ConnectionLostException.class);
        assertThat(translate(mariadb, new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
                .isInstanceOf(LockTimeoutException.class);
        assertThat(translate(mariadb, new SQLException("max_statement_time exceeded", "70100", 1969)))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(translate(mariadb, new SQLException("Deadlock found", "40001", 1213)))
                .isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void mySqlInheritsMariaDbsCodesAndNamesItsOwnStatementTimeoutSetting() {
        Object timeout = translate(new MySqlDialect(), new SQLException("Query execution was interrupted", "HY000",
                3024));

        assertThat(timeout).isInstanceOf(QueryTimeoutException.class);
        assertThat(((QueryTimeoutException) timeout).getMessage()).contains("MySQL's max_execution_time");
    }

    @Test
    void anotherDatabasesVendorCodeIsNotMistakenForAFault() {
        // 1205 is MariaDB's lock wait timeout, but means nothing to PostgreSQL's or H2's dialect.
        SQLException other = new SQLException("something else", "HY000", 1205);

        assertThat(translate(new PostgresDialect(), other)).isExactlyInstanceOf(DatabaseException.class);
        assertThat(translate(new H2Dialect(), other)).isExactlyInstanceOf(DatabaseException.class);
    }
}
