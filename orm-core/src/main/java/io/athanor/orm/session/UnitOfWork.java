package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.StaleDataException;
import io.athanor.orm.engine.BatchResult;
import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Dialect;
import io.athanor.orm.engine.TypedValue;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
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
    /** Writes the INSERTs; made at the first, once the connection is taken. */
    private InsertWriter inserter;

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
                if (inserter == null) {
                    inserter = new InsertWriter(session, journal, connection, limits(), database);
                }
                inserter.insert(mapper, RelationshipFlush.parentsFirst(mapper, inserts.get(mapper)));
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
     * statement is prepared; a new object remembers the values found storable as they were
     * ({@code InstanceState.checkedForInsert}), so that its INSERT checks only the fields set since.
     */
    private void checkValues(List<InstanceState> pending, List<InstanceState> persistent) {
        for (InstanceState state : pending) {
            Object object = state.object();
            List<ColumnAttribute> attributes = state.mapper.attributes();
            Object[] checked = new Object[attributes.size()];
            for (int i = 0; i < checked.length; i++) {
                ColumnAttribute attribute = attributes.get(i);
                Object value = attribute.get(object);
                if (value != null && attribute.insertable() && attribute.storable(value, limits(), database) == value) {
                    checked[i] = value;
                }
            }
            state.checkedForInsert = checked;
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

    // ---- UPDATE ----

    /** The values an UPDATE binds for the {@code columns} of {@code object}, each checked as it is read. */
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
