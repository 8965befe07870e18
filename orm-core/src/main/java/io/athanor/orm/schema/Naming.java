package io.athanor.orm.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The naming convention for constraints and indexes that are not named explicitly, SQLAlchemy's
 * recommended one: {@code pk_<table>}, {@code uq_<table>_<column>}, {@code ix_<table>_<column>},
 * {@code fk_<table>_<column>_<referred table>}, {@code ck_<table>_<name>}. Named constraints make
 * integrity errors readable and migrations predictable.
 */
final class Naming {

    /** PostgreSQL's limit is 63 bytes and MariaDB's 64: stay under both. */
    private static final int MAX_LENGTH = 63;

    private Naming() {
    }

    static String primaryKey(String table) {
        return fit("pk_" + table);
    }

    static String unique(String table, String firstColumn) {
        return fit("uq_" + table + "_" + firstColumn);
    }

    static String index(String table, String firstColumn) {
        return fit("ix_" + table + "_" + firstColumn);
    }

    static String foreignKey(String table, String firstColumn, String referredTable) {
        return fit("fk_" + table + "_" + firstColumn + "_" + referredTable);
    }

    static String check(String table, String name) {
        return fit("ck_" + table + "_" + name);
    }

    /** Shortens a long name deterministically, keeping it unique with a hash of the full name. */
    static String fit(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hash = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hash.append(String.format("%02x", digest[i]));
            }
            return name.substring(0, MAX_LENGTH - 9) + "_" + hash;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }
}
