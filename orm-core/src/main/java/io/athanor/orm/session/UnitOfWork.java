package io.athanor.orm.session;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.engine.BatchResult;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.engine.Row;
import io.athanor.orm.engine.TypedValue;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.sql.CompiledSql;
import io.athanor.orm.sql.StorageLimits;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flush: finds what changed, then writes it in an order the database accepts (SQLAlchemy's unit
 * of work). For each table in foreign-key order, UPDATEs then INSERTs; then DELETEs in the reverse
 * order. UPDATEs and DELETEs of one table go in primary-key order (fewer deadlocks between concurrent
 * flushes). INSERTs of one table are sent as JDBC batches in the order objects were added; generated keys
 * and server defaults are read back into the objects.
 */
final class UnitOfWork {

    /** Marks, in an object's pre-INSERT values, the attributes the database did not fill. */
    static final Object NOT_CAPTURED = new Object();

    private final Session session;
    private final Map<String, Integer> tableRank;
    private final SavepointJournal journal;
    /** Taken only once there is something to write, so that a flush with nothing to do opens no transaction. */
    private Connection connection;
    private Dialect dialect;
    /** What the database stores exactly; every written value is checked against it (ATH-E105 to ATH-E111). */
    private StorageLimits limits;
    private String database;

    UnitOfWork(Session session, Map<String, Integer> tableRank, SavepointJournal journal) {
        this.session = session;
        this.tableRank = tableRank;
        this.journal = journal;
    }

    /**
     * The attributes of a persistent object whose values differ from the snapshot and are written by UPDATE.
     * An object expired by {@code expire()} or a rollback and not reloaded yet counts only the changes made
     * since then: those made before were discarded.
     */
    static BitSet changes(InstanceState state) {
        Object object = state.object();
        BitSet changed = null;
        List<ColumnAttribute> attributes = state.mapper.attributes();
        Object[] baseline = state.valuesAtExpiry != null ? state.valuesAtExpiry : state.snapshot;
        for (int i = 0; i < attributes.size(); i++) {
            ColumnAttribute attribute = attributes.get(i);
            Object current = attribute.get(object);
            if (EntityLoader.same(current, baseline[i])) {
                continue;
            }
            if (attribute.primaryKey()) {
                throw new InvalidRequestException("ATH-E068", "The primary key " + attribute + " of persistent "
                        + state.mapper.type().getSimpleName() + " " + state.key + " was changed to " + current
                        + "; Athanor does not move rows between keys. Delete the object and add a new one instead.");
            }
            if (attribute.updatable()) {
                if (changed == null) {
                    changed = new BitSet(attributes.size());
                }
                changed.set(i);
            }
        }
        return changed;
    }

    /** Whether every column of a persistent object still holds what {@link #changes} compares it with. */
    static boolean unchanged(InstanceState state) {
        Object[] baseline = state.valuesAtExpiry != null ? state.valuesAtExpiry : state.snapshot;
        if (baseline == null || state.status != InstanceState.Status.PERSISTENT || state.markedForDeletion) {
            return false;
        }
        Object object = state.object();
        List<ColumnAttribute> attributes = state.mapper.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            if (!EntityLoader.same(attributes.get(i).get(object), baseline[i])) {
                return false;
            }
        }
        return true;
    }

    /** Writes everything; returns the rows inserted, updated and deleted. */
    int[] run(List<InstanceState> pending, List<InstanceState> persistent, List<InstanceState> toDelete) {
        checkValues(pending, persistent);
        Map<Mapper<?>, List<InstanceState>> inserts = byMapper(pending);
        Map<Mapper<?>, List<InstanceState>> existing = byMapper(persistent);
        Map<Mapper<?>, List<InstanceState>> deletes = byMapper(toDelete);
        boolean relationships = false;
        for (Mapper<?> mapper : existing.keySet()) {
            relationships |= !mapper.relationships().isEmpty();
        }
        for (Mapper<?> mapper : inserts.keySet()) {
            relationships |= !mapper.relationships().isEmpty();
        }
        List<InstanceState> everyone = relationships ? session.states() : List.of();
        List<Mapper<?>> order = new ArrayList<>(inserts.keySet());
        existing.keySet().stream().filter(mapper -> !order.contains(mapper)).forEach(order::add);
        order.sort(Comparator.comparingInt(this::rank));
        int updated = 0;
        boolean wrote = false;
        for (Mapper<?> mapper : order) {
            List<InstanceState> mine = new ArrayList<>(existing.getOrDefault(mapper, List.of()));
            mine.addAll(inserts.getOrDefault(mapper, List.of()));
            if (relationships) {
                // Parents were written before this class (foreign-key order): their keys are known now.
                session.relationshipFlush.syncForeignKeys(mapper, mine, everyone);
            }
            List<Map.Entry<InstanceState, BitSet>> updates = new ArrayList<>();
            for (InstanceState state : existing.getOrDefault(mapper, List.of())) {
                BitSet changed = changes(state);
                if (changed != null) {
                    if (state.mapper.versionAttribute() != null) {
                        changed.set(state.mapper.versionAttribute().index());
                    }
                    updates.add(Map.entry(state, changed));
                }
            }
            if (!updates.isEmpty() || inserts.containsKey(mapper)) {
                if (connection == null) {
                    connection = session.connection();
                    dialect = connection.dialect();
                }
                wrote = true;
            }
            if (!updates.isEmpty()) {
                update(mapper, updates);
                updated += updates.size();
            }
            if (inserts.containsKey(mapper)) {
                insert(mapper, RelationshipFlush.parentsFirst(mapper, inserts.get(mapper)));
            }
        }
        if (relationships && wrote) {
            // Rows of tables that refer to each other in a cycle were inserted before the rows they refer to
            // existed; now that every key is known, their foreign keys are written with an UPDATE (SQLAlchemy's
            // post_update).
            for (Mapper<?> mapper : order) {
                List<InstanceState> mine = new ArrayList<>(existing.getOrDefault(mapper, List.of()));
                mine.addAll(inserts.getOrDefault(mapper, List.of()));
                session.relationshipFlush.syncForeignKeys(mapper, mine, everyone);
                List<Map.Entry<InstanceState, BitSet>> postUpdates = new ArrayList<>();
                for (InstanceState state : mine) {
                    BitSet changed = state.status == InstanceState.Status.PERSISTENT ? changes(state) : null;
                    if (changed != null) {
                        if (state.mapper.versionAttribute() != null) {
                            changed.set(state.mapper.versionAttribute().index());
                        }
                        postUpdates.add(Map.entry(state, changed));
                    }
                }
                if (!postUpdates.isEmpty()) {
                    update(mapper, postUpdates);
                    updated += postUpdates.size();
                }
            }
        }
        if (relationships && session.relationshipFlush.hasAssociationChanges(everyone)) {
            if (connection == null) {
                connection = session.connection();
                dialect = connection.dialect();
            }
            session.relationshipFlush.writeAssociations(everyone);
            wrote = true;
        }
        if (!wrote && deletes.isEmpty()) {
            return null;
        }
        if (connection == null) {
            connection = session.connection();
            dialect = connection.dialect();
        }
        List<Mapper<?>> deleteOrder = new ArrayList<>(deletes.keySet());
        deleteOrder.sort(Comparator.comparingInt(this::rank).reversed());
        for (Mapper<?> mapper : deleteOrder) {
            delete(mapper, deletes.get(mapper));
        }
        return new int[] {count(inserts), updated, count(deletes)};
    }

    /**
     * Checks every value this flush will write before the first statement is sent: a value the database
     * would truncate, round or otherwise alter (a string longer than its column, a decimal with more
     * digits than its scale, nanoseconds, ...) is refused with an error naming the attribute, and nothing
     * is written. Values set later in the flush (client defaults, listeners) are checked when their
     * statement is prepared.
     */
    private void checkValues(List<InstanceState> pending, List<InstanceState> persistent) {
        for (InstanceState state : pending) {
            Object object = state.object();
            for (ColumnAttribute attribute : state.mapper.attributes()) {
                Object value = attribute.get(object);
                if (value != null && attribute.insertable()) {
                    attribute.storable(value, limits(), database);
                }
            }
        }
        for (InstanceState state : persistent) {
            BitSet changed = changes(state);
            if (changed != null) {
                List<ColumnAttribute> attributes = state.mapper.attributes();
                Object object = state.object();
                for (int bit = changed.nextSetBit(0); bit >= 0; bit = changed.nextSetBit(bit + 1)) {
                    attributes.get(bit).storable(attributes.get(bit).get(object), limits(), database);
                }
            }
        }
    }

    /** The database's limits, from the engine's dialect (known without a connection once resolved). */
    private StorageLimits limits() {
        if (limits == null) {
            Dialect known = dialect != null ? dialect : session.factory().engine().dialect();
            limits = known.storageLimits();
            database = known.name();
        }
        return limits;
    }

    private static int count(Map<Mapper<?>, List<InstanceState>> grouped) {
        return grouped.values().stream().mapToInt(List::size).sum();
    }

    private int rank(Mapper<?> mapper) {
        return tableRank.getOrDefault(mapper.table().name(), Integer.MAX_VALUE);
    }

    /**
     * Orders rows by primary key, as SQLAlchemy does for UPDATEs and DELETEs: two transactions flushing
     * changes to the same rows then lock them in the same order instead of each holding one the other
     * waits for (a deadlock). Keys of a type without a natural order keep the order they came in.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof List && b instanceof List) {
            List<?> left = (List<?>) a;
            List<?> right = (List<?>) b;
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int compared = compareKeys(left.get(i), right.get(i));
                if (compared != 0) {
                    return compared;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        Class<?> leftType = a instanceof Enum ? ((Enum<?>) a).getDeclaringClass() : a.getClass();
        Class<?> rightType = b instanceof Enum ? ((Enum<?>) b).getDeclaringClass() : b.getClass();
        if (leftType != rightType) {
            // Keys of different classes cannot be compared: order them by class, so that the order stays total.
            return leftType.getName().compareTo(rightType.getName());
        }
        return a instanceof Comparable ? ((Comparable) a).compareTo(b) : 0;
    }

    private static boolean referencesItself(Mapper<?> mapper) {
        for (io.athanor.orm.schema.ForeignKeyConstraint foreignKey : mapper.table().foreignKeys()) {
            if (foreignKey.referredTableName().equalsIgnoreCase(mapper.table().name())) {
                return true;
            }
        }
        return false;
    }

    private static Map<Mapper<?>, List<InstanceState>> byMapper(List<InstanceState> states) {
        Map<Mapper<?>, List<InstanceState>> grouped = new LinkedHashMap<>();
        for (InstanceState state : states) {
            grouped.computeIfAbsent(state.mapper, ignored -> new ArrayList<>()).add(state);
        }
        return grouped;
    }

    // ---- INSERT ----

    /** Objects per JDBC batch (and per multi-row INSERT): SQLAlchemy's insertmanyvalues page size. */
    static final int BATCH_SIZE = 1000;
    /** Bind parameters per statement, under PostgreSQL's limit of 32,767 (MariaDB allows 65,535). */
    private static final int MAX_PARAMETERS = 32_000;

    private void insert(Mapper<?> mapper, List<InstanceState> states) {
        EntityStatements statements = EntityStatements.of(mapper, dialect);
        List<ColumnAttribute> attributes = mapper.attributes();
        session.inserting(mapper, states.size());
        // The columns and returned attributes of the batch being collected, and the same for the object at
        // hand: objects with the same ones share a batch. The object's are worked out in two reused holders
        // and copied only when a new batch starts (a copy per object was a profile's allocation hot spot).
        BitSet batchColumns = null;
        List<ColumnAttribute> batchReturning = null;
        BitSet columns = new BitSet(attributes.size());
        List<ColumnAttribute> returning = new ArrayList<>();
        List<Object[]> batchValues = new ArrayList<>();
        List<InstanceState> batchStates = new ArrayList<>();
        if (session.hasMapperListeners()) {
            for (InstanceState state : states) {
                session.fire(state.object(), (listener, object) -> listener.beforeInsert(session, object));
            }
        }
        ColumnAttribute version = mapper.versionAttribute();
        for (InstanceState state : states) {
            Object object = state.object();
            applyClientDefaults(attributes, object);
            if (version != null && (version.get(object) == null || ((Number) version.get(object)).longValue() == 0)) {
                version.set(object, 1);
            }
            columns.clear();
            returning.clear();
            for (ColumnAttribute attribute : attributes) {
                Object value = attribute.get(object);
                boolean unset = value == null || (attribute.javaType().isPrimitive() && attribute.generated()
                        && ((Number) value).longValue() == 0);
                boolean databaseChooses = unset && (attribute.generated() || attribute.hasServerDefault());
                if (attribute.insertable() && !databaseChooses) {
                    columns.set(attribute.index());
                } else if (databaseChooses || attribute.hasServerDefault()) {
                    returning.add(attribute);
                }
                if (value == null && attribute.primaryKey() && !attribute.generated()) {
                    throw new InvalidRequestException("ATH-E069", "The primary key " + attribute + " of a new "
                            + mapper.type().getSimpleName() + " is null and the database does not generate it;"
                            + " assign it before flush, or map it as a generated key.");
                }
            }
            boolean alone = RelationshipFlush.refersToNew(mapper, state);
            boolean sameBatch = batchColumns != null && !alone && batchColumns.equals(columns)
                    && batchReturning.equals(returning);
            if (!sameBatch) {
                if (!batchStates.isEmpty()) {
                    writeInserts(statements, batchColumns, batchReturning, batchStates, batchValues);
                    batchStates = new ArrayList<>();
                    batchValues = new ArrayList<>();
                }
                batchColumns = (BitSet) columns.clone();
                batchReturning = new ArrayList<>(returning);
            }
            if (alone) {
                // Its parent is new too and was inserted just before: copy the parent's generated key now.
                session.relationshipFlush.syncForeignKeys(mapper, List.of(state), List.of());
            }
            batchStates.add(state);
            batchValues.add(values(attributes, object, batchColumns));
        }
        if (!batchStates.isEmpty()) {
            writeInserts(statements, batchColumns, batchReturning, batchStates, batchValues);
        }
    }

    private static void applyClientDefaults(List<ColumnAttribute> attributes, Object object) {
        for (ColumnAttribute attribute : attributes) {
            if (attribute.column().hasDefault() && attribute.get(object) == null) {
                attribute.set(object, attribute.newDefault());
            }
        }
    }

    private Object[] values(List<ColumnAttribute> attributes, Object object, BitSet columns) {
        Object[] values = new Object[columns.cardinality()];
        int position = 0;
        for (int i = columns.nextSetBit(0); i >= 0; i = columns.nextSetBit(i + 1)) {
            ColumnAttribute attribute = attributes.get(i);
            Object value = attribute.storableFrom(object, limits(), database);
            values[position++] = TypedValue.of(value, attribute.column().type());
        }
        return values;
    }

    /**
     * Writes the INSERTs of a run of objects with the same columns, {@link #BATCH_SIZE} objects per JDBC
     * batch, so that the driver never holds more parameter sets than that in memory.
     */
    private void writeInserts(EntityStatements statements, BitSet columns, List<ColumnAttribute> returning,
                              List<InstanceState> states, List<Object[]> valueSets) {
        for (int from = 0; from < states.size(); from += BATCH_SIZE) {
            int to = Math.min(states.size(), from + BATCH_SIZE);
            try {
                writeInsertBatch(statements, columns, returning, states.subList(from, to), valueSets.subList(from, to));
            } catch (IntegrityException failure) {
                throw chosenKeyExplained(failure, columns, states.get(from));
            }
        }
    }

    /**
     * A duplicate key for new objects whose database-generated key the application chose: say why they were
     * INSERTed and what to do when they are copies of existing rows, the one case add() cannot tell apart.
     */
    private static IntegrityException chosenKeyExplained(IntegrityException failure, BitSet columns, InstanceState first) {
        List<ColumnAttribute> key = first.mapper.primaryKeyAttributes();
        if (failure.kind() != IntegrityException.Kind.UNIQUE || key.size() != 1 || !key.get(0).generated()
                || !columns.get(key.get(0).index())) {
            return failure;
        }
        String type = first.mapper.type().getSimpleName();
        String message = failure.getMessage().substring(failure.code().length() + 3) + " " + type + " objects whose"
                + " generated key the application set (" + type + "(" + key.get(0).get(first.object()) + ") ...) were"
                + " INSERTed because they were not known to have left a session. If they are copies of existing rows"
                + " (deserialized, or from a session that was never closed), write them with merge(); close sessions"
                + " so that their objects are known as detached.";
        IntegrityException explained = new IntegrityException(failure.code(), message, failure.sql(), failure.parameters(),
                failure.getCause() instanceof java.sql.SQLException ? (java.sql.SQLException) failure.getCause() : null,
                failure.kind(), failure.constraintName());
        explained.setStackTrace(failure.getStackTrace());
        return explained;
    }

    private void writeInsertBatch(EntityStatements statements, BitSet columns, List<ColumnAttribute> returning,
                                  List<InstanceState> states, List<Object[]> valueSets) {
        CompiledSql insert = statements.insert(columns, returning);
        List<Object[]> generated;
        if (returning.isEmpty()) {
            connection.executeBatch(insert, valueSets, null);
            generated = null;
        } else if (states.size() > 1 && returning.size() == 1 && ascendingKey(returning.get(0)) && !columns.isEmpty()
                && dialect.supports(Capability.MULTI_ROW_INSERT_RETURNING)) {
            generated = insertManyValues(statements, columns, returning.get(0), valueSets);
        } else if (dialect.supports(Capability.GENERATED_KEYS_BY_NAME)) {
            String[] names = new String[returning.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = statements.generatedKeyName(returning.get(i));
            }
            generated = connection.executeBatch(insert, valueSets, names).generated();
        } else if (dialect.supports(Capability.INSERT_RETURNING)
                && !(returning.size() == 1 && returning.get(0).generated())) {
            CompiledSql insertReturning = statements.insertReturning(columns, returning);
            generated = new ArrayList<>(states.size());
            for (Object[] values : valueSets) {
                Row row = connection.execute(insertReturning, values).one();
                generated.add(row.values().toArray());
            }
        } else {
            // The driver gives back the auto-increment key only; other server defaults are reloaded later.
            generated = connection.executeBatch(insert, valueSets, new String[0]).generated();
        }
        if (generated != null && generated.size() != states.size()) {
            throw new IllegalStateException("The " + dialect.name() + " driver returned " + generated.size()
                    + " generated rows for " + states.size() + " INSERTs into " + statements);
        }
        for (int i = 0; i < states.size(); i++) {
            InstanceState state = states.get(i);
            Object object = state.object();
            List<ColumnAttribute> attributes = state.mapper.attributes();
            Object[] before = null;
            if (generated != null) {
                before = new Object[attributes.size()];
                java.util.Arrays.fill(before, NOT_CAPTURED);
                Object[] row = generated.get(i);
                for (int column = 0; column < returning.size() && column < row.length; column++) {
                    ColumnAttribute attribute = returning.get(column);
                    before[attribute.index()] = attribute.get(object);
                    attribute.set(object, row[column]);
                }
                if (row.length < returning.size()) {
                    state.expired = true;
                }
            }
            session.inserted(state, snapshotOf(attributes, object), before);
            // Journaled before any listener runs: a listener that throws fails the flush, and the savepoint's
            // rollback must then find every row this flush inserted and every key it handed out.
            if (journal != null) {
                journal.inserted.add(state);
            }
            if (session.hasMapperListeners()) {
                session.fire(object, (listener, target) -> listener.afterInsert(session, target));
            }
        }
    }

    /** A key the database draws from a sequence: integers that ascend in the order rows are inserted. */
    private static boolean ascendingKey(ColumnAttribute attribute) {
        Class<?> type = EntityLoader.boxed(attribute.javaType());
        return attribute.generated() && (type == Long.class || type == Integer.class || type == Short.class);
    }

    /**
     * SQLAlchemy's "insertmanyvalues": many rows per {@code INSERT ... VALUES (..), (..) RETURNING key}
     * instead of one statement per row (a driver does not rewrite a batch that returns keys). The rows
     * are inserted in VALUES order, so their sequence keys ascend in that order; RETURNING itself
     * promises no order, so the keys are sorted before they are handed to the objects.
     */
    private List<Object[]> insertManyValues(EntityStatements statements, BitSet columns, ColumnAttribute key,
                                            List<Object[]> valueSets) {
        int width = valueSets.get(0).length;
        int rowsPerStatement = Math.max(1, Math.min(valueSets.size(), MAX_PARAMETERS / width));
        List<Object[]> generated = new ArrayList<>(valueSets.size());
        for (int from = 0; from < valueSets.size(); from += rowsPerStatement) {
            int rows = Math.min(rowsPerStatement, valueSets.size() - from);
            Object[] parameters = new Object[rows * width];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(valueSets.get(from + i), 0, parameters, i * width, width);
            }
            long[] keys = new long[rows];
            int read = 0;
            try (io.athanor.orm.engine.Result result = connection.execute(
                    statements.insertManyReturning(columns, key, rows), parameters)) {
                for (Row row : result) {
                    keys[read++] = ((Number) row.get(0)).longValue();
                }
            }
            if (read != rows) {
                throw new IllegalStateException("The " + dialect.name() + " database returned " + read + " keys for "
                        + rows + " inserted rows of " + statements);
            }
            java.util.Arrays.sort(keys);
            for (long value : keys) {
                generated.add(new Object[] {value});
            }
        }
        return generated;
    }

    // ---- UPDATE ----

    private void update(Mapper<?> mapper, List<Map.Entry<InstanceState, BitSet>> changes) {
        changes.sort((a, b) -> compareKeys(a.getKey().key, b.getKey().key));
        EntityStatements statements = EntityStatements.of(mapper, dialect);
        if (session.hasMapperListeners()) {
            for (Map.Entry<InstanceState, BitSet> change : changes) {
                session.fire(change.getKey().object(), (listener, object) -> listener.beforeUpdate(session, object));
            }
        }
        List<ColumnAttribute> attributes = mapper.attributes();
        int from = 0;
        while (from < changes.size()) {
            BitSet changed = changes.get(from).getValue();
            int to = from;
            List<Object[]> valueSets = new ArrayList<>();
            while (to < changes.size() && changes.get(to).getValue().equals(changed)) {
                InstanceState state = changes.get(to).getKey();
                Object[] set = values(attributes, state.object(), changed);
                ColumnAttribute version = mapper.versionAttribute();
                int conditions = mapper.primaryKeyAttributes().size() + (version == null ? 0 : 1);
                Object[] values = java.util.Arrays.copyOf(set, set.length + conditions);
                int position = set.length;
                for (ColumnAttribute key : mapper.primaryKeyAttributes()) {
                    values[position++] = state.snapshot[key.index()];
                }
                if (version != null) {
                    Object loaded = state.snapshot[version.index()];
                    // SET version = loaded + 1 ... WHERE version = loaded; the field changes only once the row did.
                    values[positionIn(changed, version.index())] = next(loaded);
                    values[position] = loaded;
                }
                valueSets.add(values);
                to++;
            }
            BatchResult result = connection.executeBatch(statements.update(changed), valueSets, null);
            for (int i = from; i < to; i++) {
                InstanceState state = changes.get(i).getKey();
                if (result.count(i - from) == 0) {
                    throw stale("UPDATE", "update", mapper, state);
                }
                if (journal != null) {
                    journal.recordUpdate(state);
                }
                Object object = state.object();
                ColumnAttribute version = mapper.versionAttribute();
                if (version != null) {
                    version.set(object, next(state.snapshot[version.index()]));
                }
                for (int bit = changed.nextSetBit(0); bit >= 0; bit = changed.nextSetBit(bit + 1)) {
                    state.snapshot[bit] = attributes.get(bit).get(object);
                    if (state.valuesAtExpiry != null) {
                        state.valuesAtExpiry[bit] = state.snapshot[bit];
                    }
                }
                if (session.hasMapperListeners()) {
                    session.fire(object, (listener, target) -> listener.afterUpdate(session, target));
                }
            }
            from = to;
        }
    }

    // ---- DELETE ----

    private void delete(Mapper<?> mapper, List<InstanceState> states) {
        if (referencesItself(mapper)) {
            // Rows of a table that refers to itself go children first: by key order a parent could come before
            // its child, which its foreign key refuses. Without a relationship to follow, the order the objects
            // were deleted in is kept.
            List<InstanceState> childrenFirst = new ArrayList<>(RelationshipFlush.parentsFirst(mapper, states));
            java.util.Collections.reverse(childrenFirst);
            if (!mapper.relationships().isEmpty()) {
                states.clear();
                states.addAll(childrenFirst);
            }
        } else {
            states.sort((a, b) -> compareKeys(a.key, b.key));
        }
        if (session.hasMapperListeners()) {
            for (InstanceState state : states) {
                session.fire(state.object(), (listener, object) -> listener.beforeDelete(session, object));
            }
        }
        List<Object[]> valueSets = new ArrayList<>(states.size());
        ColumnAttribute version = mapper.versionAttribute();
        for (InstanceState state : states) {
            Object[] values = new Object[mapper.primaryKeyAttributes().size() + (version == null ? 0 : 1)];
            int position = 0;
            for (ColumnAttribute key : mapper.primaryKeyAttributes()) {
                values[position++] = state.snapshot[key.index()];
            }
            if (version != null) {
                values[position] = state.snapshot[version.index()];
            }
            valueSets.add(values);
        }
        BatchResult result = connection.executeBatch(EntityStatements.of(mapper, dialect).delete(), valueSets, null);
        for (int i = 0; i < states.size(); i++) {
            if (result.count(i) == 0) {
                throw stale("DELETE", "delete", mapper, states.get(i));
            }
            session.deletedByFlush(states.get(i));
            if (journal != null) {
                journal.deleted.add(states.get(i));
            }
            if (session.hasMapperListeners()) {
                session.fire(states.get(i).object(), (listener, object) -> listener.afterDelete(session, object));
            }
        }
    }

    /** The position of an attribute's value among the SET values of an UPDATE. */
    private static int positionIn(BitSet changed, int index) {
        return changed.get(0, index).cardinality();
    }

    private static Object next(Object version) {
        return version instanceof Long ? (Long) version + 1 : ((Number) version).intValue() + 1;
    }

    private static StaleDataException stale(String statement, String verb, Mapper<?> mapper, InstanceState state) {
        return new StaleDataException("ATH-E060", statement + " statement on table '" + mapper.table().name()
                + "' expected to " + verb + " 1 row(s); 0 were matched. The row of " + mapper.type().getSimpleName()
                + " " + state.key + " was deleted or changed by another transaction; roll back, reload it and apply"
                + " the change again.");
    }

    static Object[] snapshotOf(List<ColumnAttribute> attributes, Object object) {
        Object[] snapshot = new Object[attributes.size()];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = attributes.get(i).get(object);
        }
        return snapshot;
    }
}
