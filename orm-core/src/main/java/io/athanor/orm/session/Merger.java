package io.athanor.orm.session;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * SQLAlchemy's {@code merge} for one session: copies an object's state onto the session's persistent
 * object of the same identity and follows the merge cascade, merging each object of a graph once.
 */
final class Merger {

    private final Session session;
    /** The objects merged by the outermost call so far, and their targets: cycles end here. */
    private final Map<Object, Object> merging = new IdentityHashMap<>(4);

    Merger(Session session) {
        this.session = session;
    }

    @SuppressWarnings("unchecked")
    <T> T merge(T object) {
        Mapper<T> mapper = (Mapper<T>) session.factory().registry().mapper(object.getClass());
        InstanceState state = session.stateOf(object);
        if (state != null && state.session == session) {
            return object;
        }
        if (merging.containsKey(object)) {
            return (T) merging.get(object);
        }
        Object key = mapper.identityOf(object);
        T target = key == null ? null : session.get(mapper.type(), key);
        boolean created = target == null;
        if (created) {
            target = mapper.newInstance();
        }
        for (ColumnAttribute attribute : mapper.attributes()) {
            attribute.set(target, attribute.get(object));
        }
        if (created) {
            session.attach(target, mapper);
        }
        boolean outermost = merging.isEmpty();
        merging.put(object, target);
        try {
            mergeRelationships(mapper, object, target);
        } finally {
            if (outermost) {
                merging.clear();
            }
        }
        return target;
    }

    /** Merge cascade: related objects of the copy are merged too, and the merged ones set on the target. */
    private void mergeRelationships(Mapper<?> mapper, Object copy, Object target) {
        for (RelationshipProperty relationship : mapper.relationships()) {
            if (!relationship.cascades(Cascade.MERGE)) {
                continue;
            }
            Object related = relationship.get(copy);
            if (related == null || related == relationship.get(target)) {
                continue;
            }
            if (relationship.isCollection()) {
                if (related instanceof TrackedList || related instanceof TrackedSet) {
                    // A collection Athanor has not loaded carries no information to merge.
                    RelatedCollection state = related instanceof TrackedList ? ((TrackedList) related).state
                            : ((TrackedSet) related).state;
                    if (!state.loaded) {
                        continue;
                    }
                }
                Collection<Object> merged = relationship.collectionType() == Set.class
                        ? new LinkedHashSet<>() : new ArrayList<>();
                for (Object element : (Collection<?>) related) {
                    merged.add(merge(element));
                }
                relationship.set(target, merged);
                session.relationships.collection(session.stateFor(target, mapper), relationship);
            } else {
                relationship.set(target, merge(related));
            }
        }
    }
}
