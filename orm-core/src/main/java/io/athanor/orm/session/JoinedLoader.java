package io.athanor.orm.session;

import io.athanor.orm.engine.Result;
import io.athanor.orm.engine.Row;
import io.athanor.orm.engine.ScalarResult;
import io.athanor.orm.mapping.ColumnAttribute;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.RelationshipProperty;
import io.athanor.orm.sql.BoundStatement;
import io.athanor.orm.sql.EntityAlias;
import io.athanor.orm.sql.Expression;
import io.athanor.orm.sql.Ordering;
import io.athanor.orm.sql.Select;
import io.athanor.orm.sql.Sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Joined eager loading (SQLAlchemy's {@code joinedload}): one SELECT brings the queried objects and the
 * objects of every relationship loaded JOINED, several side by side and nested paths alike, each through a
 * LEFT OUTER JOIN (an INNER JOIN for {@code Load.joinedInner}) to its table under an anonymous alias; a
 * many-to-many joins its association table first. The joins multiply rows (two collections of three
 * elements give nine rows per owner), so objects are de-duplicated by identity, as SQLAlchemy's
 * {@code unique()} does. The ORDER BY keeps each owner's rows together and lists the joins in the order
 * they were made, each by the relationship's {@code orderBy} and then its primary key: the first row of
 * each element then comes in collection order, however many other collections multiply the rows.
 * One instance serves one query.
 */
final class JoinedLoader {

    /** One joined relationship: where it hangs, its alias, and what the rows brought for each owner. */
    private static final class Join {
        final RelationshipProperty relationship;
        final Join parent;
        final String path;
        final EntityAlias<?> alias;
        final boolean inner;
        /** The related objects of each owner, in first-row order, by owner identity. */
        final Map<Object, List<Object>> relatedByOwner = new IdentityHashMap<>();
        final Map<Object, Set<Object>> seenByOwner = new IdentityHashMap<>();
        /** Every related object the query brought, once. */
        final List<Object> loaded = new ArrayList<>();
        final Set<Object> seen = identitySet();
        int start;

        Join(RelationshipProperty relationship, Join parent, String path, EntityAlias<?> alias, boolean inner) {
            this.relationship = relationship;
            this.parent = parent;
            this.path = path;
            this.alias = alias;
            this.inner = inner;
        }

        void add(Object owner, Object related) {
            List<Object> list = relatedByOwner.computeIfAbsent(owner, ignored -> new ArrayList<>());
            if (related != null && seenByOwner.computeIfAbsent(owner, ignored -> identitySet()).add(related)) {
                list.add(related);
            }
            if (related != null && seen.add(related)) {
                loaded.add(related);
            }
        }
    }

    private final Session session;
    private final EntityLoader loader;
    private final Function<Select<?>, BoundStatement> binder;
    private final Map<String, Integer> aliasNumbers = new HashMap<>();

    JoinedLoader(Session session, EntityLoader loader, Function<Select<?>, BoundStatement> binder) {
        this.session = session;
        this.loader = loader;
        this.binder = binder;
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * The relationships a query of {@code mapper} loads with joins, parents before their nested ones, or an
     * empty list. An option asks for any path; a relationship declared {@code lazy = JOINED} is followed
     * unless its class is already on the path, so that back-references and self-references end.
     */
    private List<Join> plan(Mapper<?> mapper, Map<String, LoadStrategy> options, List<Object> loadOptions) {
        List<Join> joins = new ArrayList<>();
        List<Mapper<?>> onPath = new ArrayList<>(List.of(mapper));
        plan(mapper, null, options, loadOptions, onPath, joins);
        return joins;
    }

    private void plan(Mapper<?> mapper, Join parent, Map<String, LoadStrategy> options, List<Object> loadOptions,
                      List<Mapper<?>> onPath, List<Join> joins) {
        for (RelationshipProperty relationship : mapper.relationships()) {
            String path = parent == null ? relationship.name() : parent.path + "." + relationship.name();
            LoadStrategy option = options.get(path);
            LoadStrategy strategy = option != null ? option : relationship.strategy();
            if (strategy != LoadStrategy.JOINED || option == null && onPath.contains(relationship.target())) {
                continue;
            }
            // An inner join below an outer one would drop the rows of owners that lack the outer object.
            boolean inner = Load.innerJoin(loadOptions, path) && (parent == null || parent.inner);
            Join join = new Join(relationship, parent, path, alias(relationship.target().type(), relationship.name()),
                    inner);
            joins.add(join);
            onPath.add(relationship.target());
            plan(relationship.target(), join, options, loadOptions, onPath, joins);
            onPath.remove(onPath.size() - 1);
        }
    }

    private <E> EntityAlias<E> alias(Class<E> type, String name) {
        return Sql.alias(type, name + "_" + aliasNumbers.merge(name, 1, Integer::sum));
    }

    /**
     * Runs the query with its joined relationships, or returns null when it has none to join.
     *
     * @param select a query of {@code mapper}'s objects, without LIMIT or OFFSET
     */
    ScalarResult<Object> load(Select<?> select, Mapper<?> mapper, Map<String, LoadStrategy> options) {
        List<Join> joins = plan(mapper, options, select.loaderOptions());
        if (joins.isEmpty()) {
            return null;
        }
        Select<?> joined = select;
        boolean first = true;
        for (Join join : joins) {
            List<Ordering> order = new ArrayList<>();
            if (first) {
                // The queried objects' rows together, whatever the statement's own ORDER BY left tied.
                for (ColumnAttribute key : mapper.primaryKeyAttributes()) {
                    order.add(Sql.col(mapper.type(), key.name()).asc());
                }
                first = false;
            }
            joined = withJoin(joined, mapper, join, order);
        }
        BoundStatement bound = binder.apply(joined);
        int items = select.items().size();
        for (int i = 0; i < joins.size(); i++) {
            joins.get(i).start = bound.compiled().slots().get(items + i).start();
        }
        int rootStart = bound.compiled().slots().get(0).start();
        List<Object> owners = new ArrayList<>();
        Set<Object> seenOwners = identitySet();
        Object[] rowObjects = new Object[joins.size()];
        try (Result result = session.connection().execute(bound.compiled().sql(), bound.values())) {
            for (Row row : result) {
                Object owner = loader.load(mapper, row, rootStart);
                if (seenOwners.add(owner)) {
                    owners.add(owner);
                }
                for (int i = 0; i < joins.size(); i++) {
                    Join join = joins.get(i);
                    Object parent = join.parent == null ? owner : rowObjects[joins.indexOf(join.parent)];
                    Object related = null;
                    Mapper<?> target = join.relationship.target();
                    if (parent != null && row.get(join.start + target.primaryKeyAttributes().get(0).index()) != null) {
                        related = loader.load(target, row, join.start);
                    }
                    rowObjects[i] = related;
                    if (parent != null) {
                        join.add(parent, related);
                    }
                }
            }
        }
        for (Join join : joins) {
            session.relationships.fillJoined(join.relationship, join.relatedByOwner);
        }
        // What the joins did not load (many-to-ones, SELECTIN collections) loads as for any query; the
        // joined collections are loaded by now, so nothing loads them twice.
        session.relationships.afterLoad(mapper, owners, options);
        for (Join join : joins) {
            session.relationships.afterLoad(join.relationship.target(), join.loaded,
                    Relationships.nestedOptions(options, join.path));
        }
        return ScalarResult.of(owners.iterator(), () -> { });
    }

    /** The query with one more joined entity: the ON clause along the relationship, and its order. */
    private Select<?> withJoin(Select<?> select, Mapper<?> root, Join join, List<Ordering> order) {
        RelationshipProperty relationship = join.relationship;
        Mapper<?> owner = join.parent == null ? root : join.parent.relationship.target();
        Function<String, Expression<Object>> ownerColumn = join.parent == null
                ? attribute -> Sql.col(owner.type(), attribute) : attribute -> join.parent.alias.col(attribute);
        EntityAlias<?> alias = join.alias;
        List<Expression<Boolean>> conditions = new ArrayList<>();
        if (relationship.secondary() != null) {
            // A many-to-many reaches its targets through the association table, joined first under its own alias.
            EntityAlias<?> through = alias(relationship.secondary().type(), relationship.name() + "_secondary");
            List<Expression<Boolean>> toSource = new ArrayList<>();
            for (int i = 0; i < relationship.secondaryToSource().size(); i++) {
                toSource.add(through.col(relationship.secondaryToSource().get(i).name())
                        .eq(ownerColumn.apply(relationship.referenced().get(i).name())));
            }
            for (int i = 0; i < relationship.secondaryToTarget().size(); i++) {
                conditions.add(alias.col(relationship.targetKey().get(i).name())
                        .eq(through.col(relationship.secondaryToTarget().get(i).name())));
            }
            Expression<Boolean> on = and(toSource);
            select = join.inner ? select.join(through, on) : select.outerJoin(through, on);
        } else {
            for (int i = 0; i < relationship.foreignKey().size(); i++) {
                String foreignKey = relationship.foreignKey().get(i).name();
                String referenced = relationship.referenced().get(i).name();
                conditions.add(relationship.foreignKeyOnTarget()
                        ? alias.col(foreignKey).eq(ownerColumn.apply(referenced))
                        : alias.col(referenced).eq(ownerColumn.apply(foreignKey)));
            }
        }
        String orderBy = relationship.orderBy();
        String orderedBy = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
        if (!orderBy.isEmpty()) {
            Expression<Object> column = alias.col(orderedBy);
            order.add(orderBy.startsWith("-") ? column.desc() : column.asc());
        }
        for (ColumnAttribute key : relationship.target().primaryKeyAttributes()) {
            if (!key.name().equals(orderedBy)) {
                order.add(alias.col(key.name()).asc());
            }
        }
        return select.withJoinedEntity(alias, and(conditions), order, join.inner);
    }

    @SuppressWarnings("unchecked")
    private static Expression<Boolean> and(List<Expression<Boolean>> conditions) {
        return Sql.and(conditions.toArray(new Expression[0]));
    }
}
