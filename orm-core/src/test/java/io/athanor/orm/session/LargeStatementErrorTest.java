package io.athanor.orm.session;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An error in a large statement gives a message that reads in a few lines: the statement shown by its
 * first row and a count, its parameters by the first 20; the exception keeps the whole statement.
 */
class LargeStatementErrorTest {

    /** The first 20 parameters, masked: the engine does not echo. */
    private static final String TWENTY_MASKED = String.join(", ", Collections.nCopies(20, "***"));

    /** Well above a message's own text and a driver's reason, far below the ~10 KB a whole statement gave. */
    private static final int MESSAGE_BOUND = 1000;

    private static SessionFactory sessions(TestDatabase db) {
        // Not echoing: parameters are masked, as in production.
        Engine engine = db.engine();
        Registry registry = Registry.of(Customer.class);
        registry.metadata().createAll(engine);
        return SessionFactory.of(engine, registry);
    }

    /** Rows of customers (name, country), the last one without the name its NOT NULL column needs. */
    private static List<Map<String, ?>> rowsWithTheLastNameMissing(int count) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", i == count ? null : "customer " + i);
            row.put("country", "UK");
            rows.add(row);
        }
        return rows;
    }

    @AcrossDatabases
    void aFailedThousandRowInsertIsShownByItsFirstRowAndItsCounts(TestDatabase db) {
        IntegrityException error;
        try (Session session = sessions(db).openSession()) {
            error = catchThrowableOfType(IntegrityException.class,
                    () -> session.execute(Sql.insert(Customer.class).values(rowsWithTheLastNameMissing(1000))));
        }

        assertThat(error.kind()).isEqualTo(IntegrityException.Kind.NOT_NULL);
        assertThat(error.getMessage()).hasSizeLessThan(MESSAGE_BOUND)
                .contains("; SQL [INSERT INTO customers (name, country) VALUES (?, ?), ... (1,000 rows,"
                        + " 2,000 parameters)]; parameters [" + TWENTY_MASKED + ", ... 1,980 more] (SQLState ");
        assertThat(error.sql()).hasSize("INSERT INTO customers (name, country) VALUES ".length()
                + 1000 * "(?, ?)".length() + 999 * ", ".length());
        assertThat(error.parameters()).hasSize(2000);
    }

    @AcrossDatabases
    void aFailedFlushOfAThousandNewObjectsGivesAShortMessage(TestDatabase db) {
        IntegrityException error;
        try (Session session = sessions(db).openSession()) {
            for (int i = 1; i < 1000; i++) {
                session.add(new Customer("customer " + i, "UK"));
            }
            session.add(new Customer(null, "UK"));
            error = catchThrowableOfType(IntegrityException.class, session::flush);
        }

        assertThat(error.getMessage()).hasSizeLessThan(MESSAGE_BOUND);
        if (db.dialect().supports(Capability.MULTI_ROW_INSERT_RETURNING)) {
            // One INSERT of 1,000 rows that returns their keys.
            assertThat(error.getMessage()).contains("; SQL [INSERT INTO customers (name, country) VALUES (?, ?),"
                    + " ... (1,000 rows, 2,000 parameters) RETURNING id]; parameters [" + TWENTY_MASKED
                    + ", ... 1,980 more] (SQLState ");
        } else {
            // A JDBC batch of 1,000 one-row INSERTs, which the message shows once.
            assertThat(error.getMessage())
                    .contains("; SQL [INSERT INTO customers (name, country) VALUES (?, ?)]; parameters [] (SQLState ");
        }
    }

    @AcrossDatabases
    void aFailedSmallInsertIsShownWhole(TestDatabase db) {
        IntegrityException error;
        try (Session session = sessions(db).openSession()) {
            error = catchThrowableOfType(IntegrityException.class,
                    () -> session.execute(Sql.insert(Customer.class).values(rowsWithTheLastNameMissing(2))));
        }

        assertThat(error.getMessage()).contains("; SQL [INSERT INTO customers (name, country) VALUES (?, ?), (?, ?)];"
                + " parameters [***, ***, ***, ***] (SQLState ");
        assertThat(error.sql()).isEqualTo("INSERT INTO customers (name, country) VALUES (?, ?), (?, ?)");
    }
}
