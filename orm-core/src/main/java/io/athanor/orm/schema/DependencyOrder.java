package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables so that referenced tables come first. Foreign keys between tables of a cycle cannot
 * be created with their tables; they are "deferred" and added afterwards with ALTER TABLE (as
 * SQLAlchemy's {@code use_alter}). A table's reference to itself needs no ordering.
 */
final class DependencyOrder {

    private final List<Table> tables;
    private final Map<String, Table> byName = new HashMap<>();
    private final List<ForeignKeyConstraint> deferred = new ArrayList<>();
    private final List<Table> sorted;
    /** The strongly connected component each table belongs to. */
    private final Map<String, Integer> component = new HashMap<>();

    DependencyOrder(List<Table> tables) {
        this.tables = tables;
        for (Table table : tables) {
            byName.put(table.name(), table);
        }
        checkTargets();
        Set<String> inCycles = tablesInCycles();
        for (Table table : tables) {
            for (ForeignKeyConstraint key : table.foreignKeys()) {
                String target = key.referredTableName();
                if (!target.equals(table.name()) && inCycles.contains(table.name()) && inCycles.contains(target)
                        && sameCycle(table.name(), target)) {
                    deferred.add(key);
                }
            }
        }
        this.sorted = sort();
    }

    List<Table> sortedTables() {
        return sorted;
    }

    List<ForeignKeyConstraint> deferredForeignKeys() {
        return deferred;
    }

    private void checkTargets() {
        for (Table table : tables) {
            for (ForeignKeyConstraint key : table.foreignKeys()) {
                Table target = byName.get(key.referredTableName());
                if (target == null) {
                    throw new ArgumentException("ATH-E045", "Foreign key " + key.name() + " of table '" + table.name()
                            + "' references table '" + key.referredTableName() + "', which this MetaData does not"
                            + " define; it defines " + byName.keySet() + ".");
                }
                for (String column : key.referredColumns()) {
                    if (!target.hasColumn(column)) {
                        throw new ArgumentException("ATH-E045", "Foreign key " + key.name() + " of table '"
                                + table.name() + "' references column '" + target.name() + "." + column
                                + "', which does not exist; its columns are "
                                + target.columns().stream().map(Column::name).toList() + ".");
                    }
                }
            }
        }
    }

    private Set<String> dependencies(Table table) {
        Set<String> targets = new LinkedHashSet<>();
        for (ForeignKeyConstraint key : table.foreignKeys()) {
            if (!key.referredTableName().equals(table.name()) && !deferred.contains(key)) {
                targets.add(key.referredTableName());
            }
        }
        return targets;
    }

    /** Depth-first topological sort; definition order breaks ties so the result is stable. */
    private List<Table> sort() {
        List<Table> result = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Table table : tables) {
            visit(table, done, result);
        }
        return List.copyOf(result);
    }

    private void visit(Table table, Set<String> done, List<Table> result) {
        if (!done.add(table.name())) {
            return;
        }
        for (String dependency : dependencies(table)) {
            visit(byName.get(dependency), done, result);
        }
        result.add(table);
    }

    /** Tarjan's strongly connected components; members of components larger than one are in a cycle. */
    private Set<String> tablesInCycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new HashSet<>();
        Set<String> cyclic = new HashSet<>();
        int[] counter = {0, 0};
        for (Table table : tables) {
            if (!index.containsKey(table.name())) {
                strongConnect(table.name(), index, low, stack, onStack, cyclic, counter);
            }
        }
        return cyclic;
    }

    private void strongConnect(String name, Map<String, Integer> index, Map<String, Integer> low, List<String> stack,
                               Set<String> onStack, Set<String> cyclic, int[] counter) {
        index.put(name, counter[0]);
        low.put(name, counter[0]);
        counter[0]++;
        stack.add(name);
        onStack.add(name);
        for (ForeignKeyConstraint key : byName.get(name).foreignKeys()) {
            String target = key.referredTableName();
            if (target.equals(name)) {
                continue;
            }
            if (!index.containsKey(target)) {
                strongConnect(target, index, low, stack, onStack, cyclic, counter);
                low.put(name, Math.min(low.get(name), low.get(target)));
            } else if (onStack.contains(target)) {
                low.put(name, Math.min(low.get(name), index.get(target)));
            }
        }
        if (low.get(name).equals(index.get(name))) {
            List<String> members = new ArrayList<>();
            String member;
            do {
                member = stack.remove(stack.size() - 1);
                onStack.remove(member);
                members.add(member);
            } while (!member.equals(name));
            int id = counter[1]++;
            for (String each : members) {
                component.put(each, id);
            }
            if (members.size() > 1) {
                cyclic.addAll(members);
            }
        }
    }

    private boolean sameCycle(String first, String second) {
        return component.get(first).equals(component.get(second));
    }
}
