package io.athanor.orm.engine;

import io.athanor.orm.InvalidRequestException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One value per row (SQLAlchemy's {@code ScalarResult}): the first column of each row of a query, the
 * entities of an ORM query, or rows mapped to a class with {@link Result#into(Class)}. Values are read
 * from the cursor as they are asked for; consumed once.
 *
 * @param <T> the type of the values
 */
public final class ScalarResult<T> implements Iterable<T>, AutoCloseable {

    private final Iterator<T> values;
    private final Runnable onClose;
    private boolean consumed;

    private ScalarResult(Iterator<T> values, Runnable onClose) {
        this.values = values;
        this.onClose = onClose;
    }

    /**
     * A result over values produced lazily, for layers that build their own (the ORM).
     *
     * @param values the values, read once
     * @param onClose releases the cursor behind them
     * @param <T> their type
     * @return the result
     */
    public static <T> ScalarResult<T> of(Iterator<T> values, Runnable onClose) {
        return new ScalarResult<>(values, onClose);
    }

    static <T> ScalarResult<T> mapping(Result result, Function<Row, T> mapper) {
        Iterator<Row> rows = result.iterator();
        return new ScalarResult<>(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                return mapper.apply(rows.next());
            }
        }, result::close);
    }

    private Iterator<T> consume(String method) {
        if (consumed) {
            throw new InvalidRequestException("ATH-E003", "This result was already consumed or closed when " + method
                    + " was called; a result's rows can be read once. Execute the statement again, or keep the list"
                    + " from all().");
        }
        consumed = true;
        return values;
    }

    /**
     * All remaining values.
     *
     * @return the values, possibly empty
     */
    public List<T> all() {
        Iterator<T> source = consume("all()");
        List<T> all = new ArrayList<>();
        try {
            source.forEachRemaining(all::add);
        } finally {
            onClose.run();
        }
        return all;
    }

    /**
     * The first value, or {@code null} when there is no row; closes the result.
     *
     * @return the value or {@code null}
     */
    public T first() {
        Iterator<T> source = consume("first()");
        try {
            return source.hasNext() ? source.next() : null;
        } finally {
            onClose.run();
        }
    }

    /**
     * Exactly one value.
     *
     * @return the value
     * @throws io.athanor.orm.NoResultFoundException when there is no row
     * @throws io.athanor.orm.MultipleResultsFoundException when there are several
     */
    public T one() {
        return single("one()", true);
    }

    /**
     * The only value, or {@code null} when there is no row.
     *
     * @return the value or {@code null}
     * @throws io.athanor.orm.MultipleResultsFoundException when there are several rows
     */
    public T oneOrNull() {
        return single("oneOrNull()", false);
    }

    private T single(String method, boolean required) {
        Iterator<T> source = consume(method);
        try {
            if (!source.hasNext()) {
                if (required) {
                    throw Result.noRow(method);
                }
                return null;
            }
            T value = source.next();
            if (source.hasNext()) {
                throw Result.severalRows(method);
            }
            return value;
        } finally {
            onClose.run();
        }
    }

    /**
     * The remaining values as a lazy stream over the cursor; close it if not read to the end.
     *
     * @return the stream
     */
    public Stream<T> stream() {
        Iterator<T> source = consume("stream()");
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(source, Spliterator.ORDERED), false)
                .onClose(onClose);
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<T> source = consume("iterator()");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = source.hasNext();
                if (!more) {
                    onClose.run();
                }
                return more;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No more rows in this result.");
                }
                return source.next();
            }
        };
    }

    /** Closes the underlying cursor. */
    @Override
    public void close() {
        consumed = true;
        onClose.run();
    }
}
