package io.athanor.orm.engine;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The outcome of executing a statement (SQLAlchemy's {@code Result}/{@code CursorResult}): the rows of
 * a query, read from an open cursor as they are asked for, or the row count of a DML statement.
 *
 * <p>Rows are consumed once. {@link #all()}, {@link #first()}, {@link #one()}, {@link #oneOrNull()},
 * {@link #scalar()} and {@link #mappings()} read what they need and close the cursor;
 * {@link #stream()} and iteration read row by row (the engine's fetch size bounds what is held in
 * memory) and close it at the end. Close a partly read result, or its connection, to release the
 * cursor early.
 */
public final class Result implements AutoCloseable, Iterable<Row> {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final Dialect dialect;
    private final RowShape shape;
    private final long rowCount;
    private java.util.Iterator<Object[]> buffered;
    private Object[] bufferedRow;
    private boolean closed;
    /** Set when the connection closed the cursor at the end of its transaction, before the rows were read. */
    private boolean endedWithTransaction;

    Result(Connection connection, PreparedStatement statement, ResultSet resultSet, Dialect dialect)
            throws SQLException {
        this(connection, statement, resultSet, dialect, new RowShape(resultSet.getMetaData(), dialect));
    }

    /** A result whose shape is already known (the engine keeps the shapes of statements it reuses). */
    Result(Connection connection, PreparedStatement statement, ResultSet resultSet, Dialect dialect, RowShape shape) {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.dialect = dialect;
        this.shape = shape;
        this.rowCount = -1;
    }

    /**
     * The result of a DML statement or batch that affected {@code rowCount} rows.
     *
     * @param rowCount the rows affected, or -1 when unknown
     * @return the result
     */
    public static Result ofRowCount(long rowCount) {
        return new Result(rowCount);
    }

    /**
     * A result over rows already built in memory, for layers that assemble rows themselves (the ORM, for
     * rows that hold entities).
     *
     * @param labels the column labels
     * @param rows the rows' values
     * @return the result
     */
    public static Result of(List<String> labels, List<Object[]> rows) {
        return new Result(new RowShape(labels), rows.iterator());
    }

    private Result(RowShape shape, java.util.Iterator<Object[]> buffered) {
        this.connection = null;
        this.statement = null;
        this.resultSet = null;
        this.dialect = null;
        this.shape = shape;
        this.rowCount = -1;
        this.buffered = buffered;
    }

    Result(long rowCount) {
        this.connection = null;
        this.statement = null;
        this.resultSet = null;
        this.dialect = null;
        this.shape = null;
        this.rowCount = rowCount;
        this.closed = true;
    }

    /** Whether the statement returned rows (a query) rather than a row count. */
    public boolean returnsRows() {
        return shape != null;
    }

    /**
     * The number of rows an INSERT, UPDATE or DELETE matched (SQLAlchemy's {@code rowcount}), or -1 for a
     * query or when the driver does not say.
     *
     * @return the row count
     */
    public int rowCount() {
        return (int) Math.min(Integer.MAX_VALUE, rowCount);
    }

    /** The column labels of a query's rows. */
    public List<String> columns() {
        requireRows("columns()");
        return shape.names();
    }

    /**
     * All remaining rows.
     *
     * @return the rows, possibly empty
     */
    public List<Row> all() {
        requireRows("all()");
        List<Row> rows = new ArrayList<>();
        try {
            while (advance()) {
                rows.add(readRow());
            }
        } finally {
            close();
        }
        return rows;
    }

    /**
     * The first row, or {@code null} when there is none; closes the result (the other rows are
     * discarded).
     *
     * @return the first row or {@code null}
     */
    public Row first() {
        requireRows("first()");
        try {
            return advance() ? readRow() : null;
        } finally {
            close();
        }
    }

    /**
     * Exactly one row.
     *
     * @return the only row
     * @throws NoResultFoundException (code {@code ATH-E001}) when there is no row
     * @throws MultipleResultsFoundException (code {@code ATH-E002}) when there are several
     */
    public Row one() {
        Row row = single("one()");
        if (row == null) {
            throw noRow("one()");
        }
        return row;
    }

    /**
     * The only row, or {@code null} when there is none.
     *
     * @return the row or {@code null}
     * @throws MultipleResultsFoundException (code {@code ATH-E002}) when there are several
     */
    public Row oneOrNull() {
        return single("oneOrNull()");
    }

    private Row single(String method) {
        requireRows(method);
        try {
            if (!advance()) {
                return null;
            }
            Row row = readRow();
            if (advance()) {
                throw severalRows(method);
            }
            return row;
        } finally {
            close();
        }
    }

    /**
     * The first column of the first row, or {@code null} when there is no row (SQLAlchemy's
     * {@code scalar()}); closes the result.
     *
     * @param <T> the expected type (unchecked; use {@link #scalar(Class)} to convert)
     * @return the value or {@code null}
     */
    @SuppressWarnings("unchecked")
    public <T> T scalar() {
        Row row = first();
        return row == null ? null : (T) row.get(0);
    }

    /**
     * The first column of the first row converted to {@code type}, or {@code null} when there is no row.
     *
     * @param type the Java type wanted
     * @param <T> the type
     * @return the value or {@code null}
     */
    public <T> T scalar(Class<T> type) {
        Row row = first();
        return row == null ? null : row.get(0, type);
    }

    /**
     * The first column of every row (SQLAlchemy's {@code scalars()}).
     *
     * @param <T> the expected type (unchecked)
     * @return a result over the first column's values
     */
    @SuppressWarnings("unchecked")
    public <T> ScalarResult<T> scalars() {
        requireRows("scalars()");
        return ScalarResult.mapping(this, row -> (T) row.get(0));
    }

    /**
     * The first column of every row, converted to {@code type}.
     *
     * @param type the Java type wanted
     * @param <T> the type
     * @return a result over the converted values
     */
    public <T> ScalarResult<T> scalars(Class<T> type) {
        requireRows("scalars()");
        return ScalarResult.mapping(this, row -> row.get(0, type));
    }

    /**
     * The rows mapped to a Java record or class through its constructor, column by column in order
     * (a DTO projection; SQLAlchemy has none). A record uses its canonical constructor; a class needs one
     * constructor whose parameter count equals the number of columns. Values are converted to the
     * parameter types exactly, or fail with {@code [ATH-E015]}.
     *
     * <pre>{@code
     * record CountryCount(String country, long customers) {}
     * List<CountryCount> counts = session.execute(select(col(Customer.class, "country"), func.count())
     *         .groupBy(col(Customer.class, "country"))).into(CountryCount.class).all();
     * }</pre>
     *
     * @param type the record or class
     * @param <T> its type
     * @return the mapped values
     */
    public <T> ScalarResult<T> into(Class<T> type) {
        requireRows("into()");
        RowConstructor<T> constructor = RowConstructor.of(type, shape.size());
        return ScalarResult.mapping(this, constructor::create);
    }

    /**
     * All remaining rows as maps from column label to value (SQLAlchemy's {@code mappings().all()}).
     *
     * @return the rows as maps
     */
    public List<Map<String, Object>> mappings() {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Row row : all()) {
            maps.add(row.asMap());
        }
        return maps;
    }

    /**
     * The remaining rows as a lazy stream that reads from the cursor as it goes, so a large result is
     * never held in memory at once. Close the stream (try-with-resources) if it is not read to the end.
     *
     * @return the stream of rows
     */
    public Stream<Row> stream() {
        requireRows("stream()");
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** Iterates the remaining rows from the cursor; the result closes itself after the last one. */
    @Override
    public Iterator<Row> iterator() {
        requireRows("iterator()");
        return new Iterator<>() {
            private Boolean hasNext;

            @Override
            public boolean hasNext() {
                if (hasNext == null) {
                    hasNext = advance();
                    if (!hasNext) {
                        close();
                    }
                }
                return hasNext;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No more rows in this result.");
                }
                hasNext = null;
                return readRow();
            }
        };
    }

    private boolean advance() {
        if (endedWithTransaction) {
            throw new InvalidRequestException("ATH-E003", "This Result's cursor was closed when its transaction ended"
                    + " (commit, rollback or close) before all rows were read. Read the rows, for example with all(),"
                    + " before ending the transaction.");
        }
        if (closed) {
            return false;
        }
        if (buffered != null) {
            bufferedRow = buffered.hasNext() ? buffered.next() : null;
            return bufferedRow != null;
        }
        try {
            return resultSet.next();
        } catch (SQLException failure) {
            close();
            throw connection.translate(failure);
        }
    }

    private Row readRow() {
        if (buffered != null) {
            return new Row(shape, bufferedRow);
        }
        int size = shape.size();
        Object[] values = new Object[size];
        try {
            for (int i = 0; i < size; i++) {
                values[i] = shape.reader(i).read(resultSet, i + 1);
            }
        } catch (SQLException failure) {
            close();
            throw connection.translate(failure);
        }
        return new Row(shape, values);
    }

    private void requireRows(String method) {
        if (shape == null) {
            throw new InvalidRequestException("ATH-E003", "The statement returned no rows, only a row count ("
                    + rowCount + "); " + method + " applies to queries. Use rowCount().");
        }
        if (closed) {
            throw new InvalidRequestException("ATH-E003", "This Result was already consumed or closed; a"
                    + " result's rows can be read once. Execute the statement again, or keep the list from all().");
        }
    }

    static NoResultFoundException noRow(String method) {
        return new NoResultFoundException("ATH-E001", "No row was found when one was required (" + method
                + "). Use oneOrNull() or first() when no row is a normal outcome.");
    }

    static MultipleResultsFoundException severalRows(String method) {
        return new MultipleResultsFoundException("ATH-E002", "Multiple rows were found when exactly one was"
                + " required (" + method + "). Narrow the criteria, or use first() when any row will do.");
    }

    /** Closes a cursor the transaction took with it; reading on raises instead of ending quietly. */
    void endWithTransaction() {
        if (!closed) {
            endedWithTransaction = true;
            close();
        }
    }

    /** Closes the cursor and its statement. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (resultSet == null) {
            return;
        }
        try {
            resultSet.close();
            statement.close();
        } catch (SQLException ignored) {
            // Closing a cursor fails only on a broken connection, whose own close reports the problem.
        } finally {
            connection.resultClosed(this);
        }
    }
}
