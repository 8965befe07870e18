package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers a join's ON clause from the foreign keys between the joined entity and the entities already in
 * the statement, as SQLAlchemy does when exactly one foreign key links them.
 */
final class JoinInference {

    private JoinInference() {
    }

    static void compileOn(SqlCompiler compiler, List<FromItem> left, FromItem target) {
        Scope.EntitySource right = target.source();
        if (right == null) {
            throw new ArgumentException("ATH-E084", "A join to a subquery or CTE needs an explicit ON clause:"
                    + " join(item, condition).");
        }
        if (compiler.keyMode()) {
            compiler.append("<inferred>");
            return;
        }
        EntityInfo rightInfo = compiler.entity(right.type);
        List<String[]> candidates = new ArrayList<>();
        List<Scope.EntitySource> owners = new ArrayList<>();
        List<Boolean> leftHolds = new ArrayList<>();
        for (FromItem item : left) {
            Scope.EntitySource source = item.source();
            if (source == null) {
                continue;
            }
            EntityInfo leftInfo = compiler.entity(source.type);
            for (List<String[]> key : leftInfo.foreignKeysTo(rightInfo)) {
                candidates.add(flatten(key));
                owners.add(source);
                leftHolds.add(true);
            }
            if (leftInfo != rightInfo) {
                for (List<String[]> key : rightInfo.foreignKeysTo(leftInfo)) {
                    candidates.add(flatten(key));
                    owners.add(source);
                    leftHolds.add(false);
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new ArgumentException("ATH-E084", "Cannot join " + right.type.getSimpleName() + ": no foreign key links"
                    + " it to " + names(left) + ". Give the ON clause: join(" + right.type.getSimpleName()
                    + ".class, condition).");
        }
        if (candidates.size() > 1) {
            throw new ArgumentException("ATH-E085", "Cannot infer how to join " + right.type.getSimpleName() + ": "
                    + candidates.size() + " foreign keys link it to " + names(left) + ". Give the ON clause: join("
                    + right.type.getSimpleName() + ".class, condition).");
        }
        String[] pairs = candidates.get(0);
        Scope.EntitySource owner = owners.get(0);
        boolean ownerHolds = leftHolds.get(0);
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                compiler.append(" AND ");
            }
            Scope.EntitySource holder = ownerHolds ? owner : right;
            Scope.EntitySource referred = ownerHolds ? right : owner;
            compiler.entityColumn(holder.type, holder.alias, pairs[i], true);
            compiler.append(" = ");
            compiler.entityColumn(referred.type, referred.alias, pairs[i + 1], true);
        }
    }

    private static String[] flatten(List<String[]> key) {
        String[] pairs = new String[key.size() * 2];
        for (int i = 0; i < key.size(); i++) {
            pairs[2 * i] = key.get(i)[0];
            pairs[2 * i + 1] = key.get(i)[1];
        }
        return pairs;
    }

    private static String names(List<FromItem> items) {
        List<String> names = new ArrayList<>();
        for (FromItem item : items) {
            names.add(item.toString());
        }
        return String.join(", ", names);
    }
}
