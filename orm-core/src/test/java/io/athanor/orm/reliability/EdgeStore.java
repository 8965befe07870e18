package io.athanor.orm.reliability;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.TestDatabase;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code edge_values} table on one test database, written and read through sessions. Counts the
 * writing statements the engine runs, so that a refused flush can be shown to have sent none.
 */
final class EdgeStore {

    private final SessionFactory sessions;
    private final Mapper<EdgeValues> mapper;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger writes = new AtomicInteger();

    private EdgeStore(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().statementListener((sql, executions, nanos) -> {
            String verb = sql.stripLeading().toUpperCase(Locale.ROOT);
            if (verb.startsWith("INSERT") || verb.startsWith("UPDATE") || verb.startsWith("DELETE")) {
                writes.addAndGet(executions);
            }
        }).build());
        Registry registry = Registry.of(EdgeValues.class);
        registry.metadata().createAll(engine);
        this.sessions = SessionFactory.of(engine, registry);
        this.mapper = registry.mapper(EdgeValues.class);
    }

    static EdgeStore on(TestDatabase db) {
        return new EdgeStore(db);
    }

    SessionFactory sessions() {
        return sessions;
    }

    /** Writing statements (INSERT, UPDATE, DELETE executions) the engine has run so far. */
    int writes() {
        return writes.get();
    }

    /**
     * Writes {@code value} into a new row's {@code attribute} and reads it back in a new session. Either the
     * value comes back {@code same} as it was, or the flush refuses it with {@code expectedCode}, naming the
     * attribute, having sent no statement and left no row.
     *
     * @param attribute the attribute of {@link EdgeValues}
     * @param value the value
     * @param expectedCode the refusal the value must meet, or null when it must be stored
     * @param same how the value read back is compared with the one written
     * @return what became of the value
     */
    EdgeProperty.Outcome roundTrip(String attribute, Object value, String expectedCode, BiPredicate<Object, Object> same) {
        return roundTrip(attribute, value, value, expectedCode, same);
    }

    /**
     * {@link #roundTrip(String, Object, String, BiPredicate)} for a value the column keeps as {@code stored}
     * (a time cut to microseconds): after the flush the object's field holds exactly {@code stored}, and the
     * row gives back the {@code same} value as the field.
     */
    EdgeProperty.Outcome roundTrip(String attribute, Object value, Object stored, String expectedCode,
                                   BiPredicate<Object, Object> same) {
        long id = ids.incrementAndGet();
        ColumnAttribute column = mapper.attribute(attribute);
        EdgeValues row = new EdgeValues(id);
        column.set(row, value);
        int writesBefore = writes.get();
        try (Session session = sessions.openSession()) {
            session.add(row);
            session.commit();
        } catch (ArgumentException refused) {
            assertThat(refused.code()).as("the refusal of %s", EdgeProperty.show(value)).isEqualTo(expectedCode);
            assertThat(refused.getMessage()).contains("EdgeValues." + attribute);
            assertThat(writes.get()).as("statements written before the refusal").isEqualTo(writesBefore);
            assertThat(rows(id)).as("rows left by the refused flush").isZero();
            assertThat(Objects.deepEquals(column.get(row), value)).as("the field of a refused value is left as it was")
                    .isTrue();
            return EdgeProperty.Outcome.REFUSED;
        }
        assertThat(expectedCode).as("the outcome of %s: stored, where %s was expected", EdgeProperty.show(value),
                expectedCode).isNull();
        Object kept = column.get(row);
        assertThat(Objects.deepEquals(kept, stored)).as("%s was kept in the field after flush as %s, where %s was"
                + " expected", EdgeProperty.show(value), EdgeProperty.show(kept), EdgeProperty.show(stored)).isTrue();
        Object back = read(id, attribute);
        assertThat(same.test(kept, back)).as("%s, kept as %s, came back as %s", EdgeProperty.show(value),
                EdgeProperty.show(kept), EdgeProperty.show(back)).isTrue();
        return EdgeProperty.Outcome.STORED;
    }

    /** {@link #roundTrip(String, Object, String, BiPredicate)} comparing with {@code equals}. */
    EdgeProperty.Outcome roundTrip(String attribute, Object value, String expectedCode) {
        return roundTrip(attribute, value, expectedCode, Objects::deepEquals);
    }

    /** Inserts a row holding {@code value} in {@code attribute} and returns its key. */
    long insert(String attribute, Object value) {
        long id = ids.incrementAndGet();
        EdgeValues row = new EdgeValues(id);
        mapper.attribute(attribute).set(row, value);
        try (Session session = sessions.openSession()) {
            session.add(row);
            session.commit();
        }
        return id;
    }

    /** A new object for a row, not yet added to any session. */
    EdgeValues newRow(String attribute, Object value) {
        EdgeValues row = new EdgeValues(ids.incrementAndGet());
        mapper.attribute(attribute).set(row, value);
        return row;
    }

    /** Sets an attribute of a loaded or new object. */
    void set(EdgeValues row, String attribute, Object value) {
        mapper.attribute(attribute).set(row, value);
    }

    /** The attribute's value in the row, read in a new session. */
    Object read(long id, String attribute) {
        try (Session session = sessions.openSession()) {
            return mapper.attribute(attribute).get(session.get(EdgeValues.class, id));
        }
    }

    /** How many rows have this key. */
    long rows(long id) {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.select(Sql.func.count()).from(EdgeValues.class)
                    .where(Sql.col(EdgeValues.class, "id").eq(id))).scalar(Long.class);
        }
    }

    /** How many rows the table holds. */
    long rows() {
        try (Session session = sessions.openSession()) {
            return session.execute(Sql.select(Sql.func.count()).from(EdgeValues.class)).scalar(Long.class);
        }
    }
}
