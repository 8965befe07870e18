package io.athanor.orm.session;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.InvalidRequestException;
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
import java.util.List;

/**
 * The INSERTs of one flush ({@link UnitOfWork}): the new objects of one class, in the order they were
 * added, as JDBC batches of objects with the same columns; generated keys and server defaults are read
 * back into the objects (in one multi-row {@code INSERT ... RETURNING} per batch where the database
 * allows it), and each object becomes persistent with the values its row now holds as its snapshot.
 */
final class InsertWriter {

    private final Session session;
    private final SavepointJournal journal;
    private final Connection connection;
    private final Dialect dialect;
    private final StorageLimits limits;
    private final String database;

    InsertWriter(Session session, SavepointJournal journal, Connection connection, StorageLimits limits,
                 String database) {
        this.session = session;
        this.journal = journal;
        this.connection = connection;
        this.dialect = connection.dialect();
        this.limits = limits;
        this.database = database;
    }

    /** Objects per JDBC batch (and per multi-row INSERT): SQLAlchemy's insertmanyvalues page size. */
    static final int BATCH_SIZE = 1000;
    /** Bind parameters per statement, under PostgreSQL's limit of 32,767 (MariaDB allows 65,535). */
    private static final int MAX_PARAMETERS = 32_000;

    /**
     * Inserts new objects of one class, parents before children where the class refers to itself: objects
     * with the same columns and returned attributes share a batch; an object whose new parent was inserted
     * just before starts a batch of its own, once the parent's key is copied into it.
     */
    void insert(Mapper<?> mapper, List<InstanceState> states) {
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
        List<Object[]> batchSnapshots = new ArrayList<>();
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
            // Each field is read once here: these values choose the columns, are bound (see values) and become
            // the snapshot once the row is written (a read of every field per step was a profile's hot spot).
            Object[] current = UnitOfWork.snapshotOf(attributes, object);
            for (ColumnAttribute attribute : attributes) {
                Object value = current[attribute.index()];
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
                    writeInserts(statements, batchColumns, batchReturning, batchStates, batchValues, batchSnapshots);
                    batchStates = new ArrayList<>();
                    batchValues = new ArrayList<>();
                    batchSnapshots = new ArrayList<>();
                    // The batch's afterInsert listeners may have changed this object: read it again.
                    current = UnitOfWork.snapshotOf(attributes, object);
                }
                batchColumns = (BitSet) columns.clone();
                batchReturning = new ArrayList<>(returning);
            }
            if (alone) {
                // Its parent is new too and was inserted just before: copy the parent's generated key now.
                session.relationshipFlush.syncForeignKeys(mapper, List.of(state), List.of());
                current = UnitOfWork.snapshotOf(attributes, object);
            }
            batchStates.add(state);
            batchValues.add(values(attributes, object, batchColumns, current, state.checkedForInsert));
            batchSnapshots.add(current);
            state.checkedForInsert = null;
        }
        if (!batchStates.isEmpty()) {
            writeInserts(statements, batchColumns, batchReturning, batchStates, batchValues, batchSnapshots);
        }
    }

    private static void applyClientDefaults(List<ColumnAttribute> attributes, Object object) {
        for (ColumnAttribute attribute : attributes) {
            if (attribute.column().hasDefault() && attribute.get(object) == null) {
                attribute.set(object, attribute.newDefault());
            }
        }
    }

    /**
     * The values an INSERT binds, from the fields as {@code current} holds them. A value the check before the
     * first statement found storable ({@code checked}, the same object) is not checked again; one set since
     * (a default, a listener, a foreign key) is, and where the column keeps less than the field (a fraction
     * of a second), the field and {@code current} take the value written.
     */
    private Object[] values(List<ColumnAttribute> attributes, Object object, BitSet columns, Object[] current,
                            Object[] checked) {
        Object[] values = new Object[columns.cardinality()];
        int position = 0;
        for (int i = columns.nextSetBit(0); i >= 0; i = columns.nextSetBit(i + 1)) {
            ColumnAttribute attribute = attributes.get(i);
            Object field = current[i];
            Object value = field;
            if (field != null && (checked == null || checked[i] != field)) {
                value = attribute.storable(field, limits, database);
                if (value instanceof java.time.temporal.Temporal && !value.equals(field)) {
                    // The column keeps a coarser fraction of a second: the object takes the value written, as its row does.
                    current[i] = attribute.set(object, value);
                }
            }
            values[position++] = TypedValue.of(value, attribute.column().type());
        }
        return values;
    }

    /**
     * Writes the INSERTs of a run of objects with the same columns, {@link #BATCH_SIZE} objects per JDBC
     * batch, so that the driver never holds more parameter sets than that in memory.
     */
    private void writeInserts(EntityStatements statements, BitSet columns, List<ColumnAttribute> returning,
                              List<InstanceState> states, List<Object[]> valueSets, List<Object[]> snapshots) {
        for (int from = 0; from < states.size(); from += BATCH_SIZE) {
            int to = Math.min(states.size(), from + BATCH_SIZE);
            try {
                writeInsertBatch(statements, columns, returning, states.subList(from, to), valueSets.subList(from, to),
                        snapshots.subList(from, to));
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
                                  List<InstanceState> states, List<Object[]> valueSets, List<Object[]> snapshots) {
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
            // The fields as they were bound, with the values the database returned: what the row now holds.
            Object[] snapshot = snapshots.get(i);
            Object[] before = null;
            if (generated != null) {
                before = new Object[attributes.size()];
                java.util.Arrays.fill(before, UnitOfWork.NOT_CAPTURED);
                Object[] row = generated.get(i);
                for (int column = 0; column < returning.size() && column < row.length; column++) {
                    ColumnAttribute attribute = returning.get(column);
                    before[attribute.index()] = attribute.get(object);
                    snapshot[attribute.index()] = attribute.set(object, row[column]);
                }
                if (row.length < returning.size()) {
                    state.expired = true;
                }
            }
            session.inserted(state, snapshot, before);
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
}
