package io.athanor.orm.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One value per row (SQLAlchemy's {@code ScalarResult}): the first column of each row of a query.
 * Consumed once, like the {@link Result} it reads from.
 *
 * @param <T> the type of the values
 */
public final class ScalarResult<T> implements Iterable<T>, AutoCloseable {

    private final Result result;
    private final Function<Row, T> extractor;

    ScalarResult(Result result, Function<Row, T> extractor) {
        this.result = result;
        this.extractor = extractor;
    }

    /**
     * All remaining values.
     *
     * @return the values, possibly empty
     */
    public List<T> all() {
        List<T> values = new ArrayList<>();
        for (Row row : result.all()) {
            values.add(extractor.apply(row));
        }
        return values;
    }

    /**
     * The first value, or {@code null} when there is no row; closes the result.
     *
     * @return the value or {@code null}
     */
    public T first() {
        Row row = result.first();
        return row == null ? null : extractor.apply(row);
    }

    /**
     * Exactly one value.
     *
     * @return the value
     * @throws io.athanor.orm.NoResultFoundException when there is no row
     * @throws io.athanor.orm.MultipleResultsFoundException when there are several
     */
    public T one() {
        return extractor.apply(result.one());
    }

    /**
     * The only value, or {@code null} when there is no row.
     *
     * @return the value or {@code null}
     * @throws io.athanor.orm.MultipleResultsFoundException when there are several rows
     */
    public T oneOrNull() {
        Row row = result.oneOrNull();
        return row == null ? null : extractor.apply(row);
    }

    /**
     * The remaining values as a lazy stream over the cursor; close it if not read to the end.
     *
     * @return the stream
     */
    public Stream<T> stream() {
        return result.stream().map(extractor);
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<Row> rows = result.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                return extractor.apply(rows.next());
            }
        };
    }

    /** Closes the underlying cursor. */
    @Override
    public void close() {
        result.close();
    }
}
