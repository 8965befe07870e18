package io.athanor.orm.session;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Result;
import io.athanor.orm.engine.Row;
import io.athanor.orm.engine.ScalarResult;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.sql.BoundStatement;
import io.athanor.orm.sql.CompilableStatement;
import io.athanor.orm.sql.CompiledStatement;
import io.athanor.orm.sql.Delete;
import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Insert;
import io.athanor.orm.sql.ResultSlot;
import io.athanor.orm.sql.Select;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.Update;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs statements of the expression language for a session: turns rows into identity-mapped objects,
 * and keeps loaded objects in step with bulk UPDATE and DELETE (SQLAlchemy's
 * {@code synchronize_session="fetch"}).
 */
final class QueryExecutor {

    private final Session session;
    private final Registry registry;
    private final IdentityMap identityMap;
    private final EntityLoader loader;

    QueryExecutor(Session session, Registry registry, IdentityMap identityMap, EntityLoader loader) {
        this.session = session;
        this.registry = registry;
        this.identityMap = identityMap;
        this.loader = loader;
    }

    private BoundStatement bind(CompilableStatement statement) {
        Connection connection = session.connection();
        return statement.bind(connection.dialect(), registry, connection.engine().compiledCache());
    }

    /** SELECT of a mapped class WHERE its primary key is the given (normalised) identity. */
    static <T> Select<T> byKey(Mapper<T> mapper, Object key) {
        List<ColumnAttribute> attributes = mapper.primaryKeyAttributes();
        if (attributes.size() == 1) {
            return Sql.select(mapper.type()).where(Sql.col(mapper.type(), attributes.get(0).name()).eq(key));
        }
        List<Expression<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            parts.add(Sql.col(mapper.type(), attributes.get(i).name()).eq(((List<?>) key).get(i)));
        }
        return Sql.select(mapper.type()).where(Sql.and(Relationships.toArray(parts)));
    }

    /** The first item of each row: entities through the identity map, read lazily. */
    <T> ScalarResult<T> scalars(Select<T> select) {
        return scalars(select, Load.of(select.loaderOptions()));
    }

    /**
     * The first item of each row. Objects with relationships to load are read in full first, so that their
     * many-to-ones and eagerly loaded collections come in one query per relationship.
     */
    @SuppressWarnings("unchecked")
    <T> ScalarResult<T> scalars(Select<T> select, Map<String, io.athanor.orm.mapping.LoadStrategy> options) {
        if (select.isReadOnly()) {
            return readOnlyScalars(select);
        }
        Object item = select.items().get(0);
        if (item instanceof Class) {
            Load.check(registry.mapper((Class<?>) item), select.loaderOptions());
        }
        // With LIMIT or OFFSET, joined collections would make the limit count rows instead of objects:
        // such a query loads its JOINED relationships with SELECTIN instead (Relationships.strategy).
        if (item instanceof Class && !select.limited()) {
            ScalarResult<Object> joined = new JoinedLoader(session, loader, this::bind)
                    .load(select, registry.mapper((Class<?>) item), options);
            if (joined != null) {
                return (ScalarResult<T>) joined;
            }
        }
        BoundStatement bound = bind(select);
        Result result = session.connection().execute(bound.compiled().sql(), bound.values(), select.yieldPerRows());
        ResultSlot first = bound.compiled().slots().get(0);
        Mapper<?> mapper = first.entity() == null ? null : registry.mapper(first.entity());
        Iterator<Row> rows = result.iterator();
        Iterator<T> values = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                Row row = rows.next();
                return (T) (mapper == null ? row.get(first.start()) : loader.load(mapper, row, first.start()));
            }
        };
        if (mapper == null || mapper.relationships().isEmpty()) {
            return ScalarResult.of(values, result::close);
        }
        List<T> objects = new ArrayList<>();
        values.forEachRemaining(objects::add);
        result.close();
        session.relationships.afterLoad(mapper, objects, options);
        return ScalarResult.of(objects.iterator(), () -> { });
    }

    /** {@code Select.readOnly()}: plain objects straight from the rows, streamed as they are read. */
    @SuppressWarnings("unchecked")
    private <T> ScalarResult<T> readOnlyScalars(Select<T> select) {
        requireNoLoaderOptions(select);
        BoundStatement bound = bind(select);
        Result result = session.connection().execute(bound.compiled().sql(), bound.values(), select.yieldPerRows());
        ResultSlot first = bound.compiled().slots().get(0);
        Mapper<?> mapper = first.entity() == null ? null : registry.mapper(first.entity());
        int start = first.start();
        Iterator<Row> rows = result.iterator();
        Iterator<T> values = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                Row row = rows.next();
                return (T) (mapper == null ? row.get(start) : EntityLoader.untracked(mapper, row, start));
            }
        };
        return ScalarResult.of(values, result::close);
    }

    private static void requireNoLoaderOptions(Select<?> select) {
        if (!select.loaderOptions().isEmpty()) {
            throw new io.athanor.orm.InvalidRequestException("ATH-E096", "A readOnly() query loads plain objects that"
                    + " no session tracks, so it cannot load relationships; it was given " + select.loaderOptions()
                    + ". Drop readOnly() to load related objects, or load them with a second readOnly() query.");
        }
    }

    Result execute(CompilableStatement statement) {
        if (statement instanceof Update) {
            return update((Update) statement);
        }
        if (statement instanceof Delete) {
            return delete((Delete) statement);
        }
        boolean readOnly = statement instanceof Select && ((Select<?>) statement).isReadOnly();
        if (readOnly) {
            requireNoLoaderOptions((Select<?>) statement);
        }
        BoundStatement bound = bind(statement);
        int rowsPerFetch = statement instanceof Select ? ((Select<?>) statement).yieldPerRows() : 0;
        Result result = session.connection().execute(bound.compiled().sql(), bound.values(), rowsPerFetch);
        return bound.compiled().hasEntities() ? withEntities(result, bound.compiled(), readOnly) : result;
    }

    /** Rows whose entity slots hold objects from the identity map. */
    private Result withEntities(Result result, CompiledStatement compiled, boolean readOnly) {
        List<ResultSlot> slots = compiled.slots();
        List<String> labels = new ArrayList<>(slots.size());
        List<Mapper<?>> mappers = new ArrayList<>(slots.size());
        for (ResultSlot slot : slots) {
            labels.add(slot.label());
            mappers.add(slot.entity() == null ? null : registry.mapper(slot.entity()));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Row row : result) {
            Object[] values = new Object[slots.size()];
            for (int i = 0; i < values.length; i++) {
                ResultSlot slot = slots.get(i);
                values[i] = mappers.get(i) == null ? row.get(slot.start())
                        : readOnly ? EntityLoader.untracked(mappers.get(i), row, slot.start())
                        : loader.load(mappers.get(i), row, slot.start());
            }
            rows.add(values);
        }
        for (int i = 0; i < slots.size() && !readOnly; i++) {
            Mapper<?> mapper = mappers.get(i);
            if (mapper != null && !mapper.relationships().isEmpty()) {
                List<Object> objects = new ArrayList<>();
                // By identity: the same object in many rows (a join) is listed once, without an O(n²) scan.
                java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (Object[] values : rows) {
                    if (values[i] != null && seen.add(values[i])) {
                        objects.add(values[i]);
                    }
                }
                session.relationships.afterLoad(mapper, objects, Map.of());
            }
        }
        return Result.of(labels, rows);
    }

    /**
     * A bulk UPDATE, then the loaded objects of the matched rows take the new values: a value the database
     * computes expires the attribute, except on the primary key, whose new value is read beforehand. An
     * object whose primary key changed is filed under its new key.
     */
    private Result update(Update update) {
        Mapper<?> mapper = registry.mapper(update.entity());
        // The database computes these keys; the SELECT that finds the matched rows computes them too, from
        // the same values the UPDATE starts from.
        List<ColumnAttribute> computedKeys = new ArrayList<>();
        List<Expression<?>> computations = new ArrayList<>();
        for (Map.Entry<String, Object> assignment : update.assignments().entrySet()) {
            ColumnAttribute attribute = mapper.attribute(assignment.getKey());
            if (attribute.primaryKey() && assignment.getValue() instanceof Expression) {
                computedKeys.add(attribute);
                computations.add((Expression<?>) assignment.getValue());
            }
        }
        Map<Object, Object[]> matched = matchingLoadedRows(mapper, update.whereClause(), computedKeys, computations);
        BoundStatement bound = bind(update);
        Result result = session.connection().execute(bound.compiled().sql(), bound.values());
        Map<InstanceState, Object> newKeys = new java.util.IdentityHashMap<>();
        for (Map.Entry<Object, Object[]> row : matched.entrySet()) {
            InstanceState state = identityMap.get(mapper, row.getKey());
            if (state == null) {
                continue;
            }
            session.bulkUpdating(state);
            Object object = state.object();
            for (Map.Entry<String, Object> assignment : update.assignments().entrySet()) {
                ColumnAttribute attribute = mapper.attribute(assignment.getKey());
                int computed = computedKeys.indexOf(attribute);
                if (computed >= 0) {
                    state.snapshot[attribute.index()] = attribute.set(object, row.getValue()[computed]);
                } else if (assignment.getValue() instanceof Expression) {
                    // The new value is computed by the database: reload it before the object is handed out.
                    state.expired = true;
                } else {
                    state.snapshot[attribute.index()] = attribute.set(object, assignment.getValue());
                }
            }
            Object key = mapper.identityOfObject(object);
            if (key != null && !key.equals(state.key)) {
                newKeys.put(state, key);
            }
        }
        if (!newKeys.isEmpty()) {
            session.rekeyed(newKeys);
        }
        return result;
    }

    private Result delete(Delete delete) {
        Mapper<?> mapper = registry.mapper(delete.entity());
        Set<Object> keys = matchingLoadedRows(mapper, delete.whereClause(), List.of(), List.of()).keySet();
        BoundStatement bound = bind(delete);
        Result result = session.connection().execute(bound.compiled().sql(), bound.values());
        for (Object key : keys) {
            InstanceState state = identityMap.get(mapper, key);
            if (state != null) {
                session.deletedByFlush(state);
            }
        }
        return result;
    }

    /**
     * The keys of the rows a bulk statement will touch, when objects of that class are loaded at all, each
     * with the values of {@code computations} for its row, read as the types of {@code attributes}.
     */
    private Map<Object, Object[]> matchingLoadedRows(Mapper<?> mapper, Expression<Boolean> where,
                                                     List<ColumnAttribute> attributes,
                                                     List<Expression<?>> computations) {
        Map<Object, Object[]> rows = new java.util.HashMap<>();
        if (identityMap.count(mapper) == 0) {
            return rows;
        }
        List<ColumnAttribute> keyAttributes = mapper.primaryKeyAttributes();
        List<Object> columns = new ArrayList<>();
        for (ColumnAttribute key : keyAttributes) {
            columns.add(Sql.col(mapper.type(), key.name()));
        }
        columns.addAll(computations);
        Select<Object> select = Sql.select(columns.toArray()).from(mapper.type());
        if (where != null) {
            select = select.where(where);
        }
        BoundStatement bound = bind(select);
        for (Row row : session.connection().execute(bound.compiled().sql(), bound.values())) {
            Object[] values = new Object[keyAttributes.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i, EntityLoader.boxed(keyAttributes.get(i).javaType()));
            }
            Object[] computed = new Object[attributes.size()];
            for (int i = 0; i < computed.length; i++) {
                computed[i] = row.get(values.length + i, EntityLoader.boxed(attributes.get(i).javaType()));
            }
            rows.put(values.length == 1 ? values[0] : List.of(values), computed);
        }
        return rows;
    }

    /** INSERT of many rows by attribute name as one JDBC batch. */
    Result insertMany(Insert insert, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return Result.ofRowCount(0);
        }
        // Every row is bound in the mapper's attribute order, whatever the iteration order of its map, so that
        // one compiled statement fits all of them.
        Mapper<?> mapper = registry.mapper(insert.entity());
        for (String name : rows.get(0).keySet()) {
            // A name the class does not map: ATH-E053 listing its attributes, rather than a row-shape mismatch.
            mapper.attribute(name);
        }
        List<String> attributes = new ArrayList<>();
        for (ColumnAttribute attribute : mapper.attributes()) {
            if (rows.get(0).containsKey(attribute.name())) {
                attributes.add(attribute.name());
            }
        }
        List<Object[]> valueSets = new ArrayList<>(rows.size());
        BoundStatement first = null;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> row = rows.get(i);
            if (row.size() != attributes.size() || !row.keySet().containsAll(attributes)) {
                throw new io.athanor.orm.ArgumentException("ATH-E086", "Row " + (i + 1) + " of the bulk insert into "
                        + mapper.type().getSimpleName() + " names " + new java.util.TreeSet<>(row.keySet())
                        + " but the first row names " + new java.util.TreeSet<>(rows.get(0).keySet()) + "; every row"
                        + " names the same mapped attributes.");
            }
            Map<String, Object> ordered = new java.util.LinkedHashMap<>();
            for (String attribute : attributes) {
                ordered.put(attribute, row.get(attribute));
            }
            BoundStatement bound = bind(insert.values(ordered));
            if (first == null) {
                first = bound;
            }
            valueSets.add(bound.values());
        }
        int[] counts = session.connection().executeBatch(first.compiled().sql(), valueSets, null).counts();
        long total = 0;
        for (int count : counts) {
            if (count < 0) {
                return Result.ofRowCount(-1);
            }
            total += count;
        }
        return Result.ofRowCount(total);
    }
}
