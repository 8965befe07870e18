package io.athanor.orm.session;

import io.athanor.orm.engine.Row;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;

import io.athanor.orm.mapping.RelationshipProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns rows into objects through the identity map: a row whose object is already in the session
 * returns that object and does not overwrite it, unless it is expired, in which case the row refreshes
 * it in place, keeping the fields the application changed since it was loaded.
 */
final class EntityLoader {

    private final Session session;
    private final IdentityMap identityMap;

    EntityLoader(Session session, IdentityMap identityMap) {
        this.session = session;
        this.identityMap = identityMap;
    }

    /**
     * The object for one row whose columns are the mapper's attributes in order.
     */
    <T> T load(Mapper<T> mapper, Row row) {
        return load(mapper, row, 0);
    }

    /**
     * The object for the columns of a row that start at {@code offset}, in the mapper's attribute order.
     */
    <T> T load(Mapper<T> mapper, Row row, int offset) {
        Object key = keyOf(mapper, row, offset);
        InstanceState state = identityMap.get(mapper, key);
        if (state != null) {
            if (state.expiredNow()) {
                refresh(state, row, offset, false);
            }
            return mapper.type().cast(state.object());
        }
        T object = mapper.newInstance();
        List<ColumnAttribute> attributes = mapper.attributes();
        Object[] snapshot = new Object[attributes.size()];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = attributes.get(i).set(object, row.get(offset + i));
        }
        // A new instance cannot be known anywhere yet: no look-up; attach() below records it in the session.
        state = new InstanceState(object, mapper);
        state.key = key;
        state.snapshot = snapshot;
        state.status = InstanceState.Status.PERSISTENT;
        state.attach(session, object);
        identityMap.put(state);
        if (!mapper.relationships().isEmpty()) {
            session.relationships.install(state, object, true);
            for (io.athanor.orm.mapping.RelationshipProperty relationship : mapper.relationships()) {
                if (relationship.kind() == io.athanor.orm.mapping.RelationshipProperty.Kind.MANY_TO_ONE) {
                    session.relationships.resolveFromIdentityMap(state, relationship);
                }
            }
        }
        if (session.hasMapperListeners()) {
            session.fire(object, (listener, loaded) -> listener.load(session, loaded));
        }
        return object;
    }

    /**
     * A plain object for the columns of a row that start at {@code offset}: no state, no identity map
     * entry, no snapshot ({@code Select.readOnly()}).
     */
    static <T> T untracked(Mapper<T> mapper, Row row, int offset) {
        T object = mapper.newInstance();
        List<ColumnAttribute> attributes = mapper.attributes();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            attributes.get(i).set(object, row.get(offset + i));
        }
        return object;
    }

    /**
     * Writes a freshly read row into an existing object. With {@code overwrite}, every field takes the
     * database value ({@code refresh()}); otherwise a field the application changed since the last load
     * keeps its value, and the change is still flushed later.
     */
    void refresh(InstanceState state, Row row, boolean overwrite) {
        refresh(state, row, 0, overwrite);
    }

    void refresh(InstanceState state, Row row, int offset, boolean overwriteRequested) {
        boolean overwrite = overwriteRequested;
        Object[] atExpiry = state.valuesAtExpiry;
        Map<RelationshipProperty, Object> referencesAtExpiry = state.referencesAtExpiry;
        state.valuesAtExpiry = null;
        state.referencesAtExpiry = null;
        Object object = state.object();
        List<ColumnAttribute> attributes = state.mapper.attributes();
        Object[] snapshot = state.snapshot;
        for (int i = 0; i < attributes.size(); i++) {
            ColumnAttribute attribute = attributes.get(i);
            Object loaded = row.get(offset + i);
            // A field still holding what it held when last loaded (or when expire() was called) takes the row's value.
            Object baseline = atExpiry != null ? atExpiry[i] : snapshot == null ? null : snapshot[i];
            if (overwrite || snapshot == null || same(attribute.get(object), baseline)) {
                snapshot[i] = attribute.set(object, loaded);
            } else {
                snapshot[i] = io.athanor.orm.engine.ValueConverter.convert(loaded,
                        boxed(attribute.javaType()), attribute.column().qualifiedName());
            }
        }
        state.markFresh();
        if (!state.mapper.relationships().isEmpty()) {
            if (overwrite && state.collections != null) {
                // refresh(): pending collection changes go too, with what they did to the other side.
                for (RelatedCollection collection : state.collections.values()) {
                    collection.unload();
                }
            }
            session.relationships.install(state, object, true);
            session.relationships.refreshReferences(state, overwrite, referencesAtExpiry);
        }
    }

    private static Object keyOf(Mapper<?> mapper, Row row, int offset) {
        List<ColumnAttribute> keys = mapper.primaryKeyAttributes();
        if (keys.size() == 1) {
            ColumnAttribute key = keys.get(0);
            return io.athanor.orm.engine.ValueConverter.convert(row.get(offset + key.index()), boxed(key.javaType()),
                    key.column().qualifiedName());
        }
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnAttribute key = keys.get(i);
            values[i] = io.athanor.orm.engine.ValueConverter.convert(row.get(offset + key.index()), boxed(key.javaType()),
                    key.column().qualifiedName());
        }
        return List.of(values);
    }

    static boolean same(Object current, Object loaded) {
        return current == loaded || Objects.deepEquals(current, loaded);
    }

    static Class<?> boxed(Class<?> type) {
        // Per row and column: a lookup, where MethodType.wrap() would allocate.
        if (!type.isPrimitive()) {
            return type;
        }
        return type == long.class ? Long.class : type == int.class ? Integer.class : type == boolean.class ? Boolean.class
                : type == double.class ? Double.class : type == float.class ? Float.class : type == short.class
                ? Short.class : type == byte.class ? Byte.class : Character.class;
    }
}
