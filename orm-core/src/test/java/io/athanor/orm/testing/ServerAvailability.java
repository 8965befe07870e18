package io.athanor.orm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether each database server answers, checked once per test run, and whether this run requires it
 * ({@code ATHANOR_REQUIRE_DATABASES}) or selects it ({@code ATHANOR_TEST_DATABASES}).
 */
final class ServerAvailability {

    private static final Map<DatabaseKind, String> UNREACHABLE = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, Boolean> CHECKED = new EnumMap<>(DatabaseKind.class);

    private ServerAvailability() {
    }

    /** Why the server cannot be reached, or {@code null} when it can. */
    static synchronized String unreachableReason(DatabaseKind kind) {
        if (!CHECKED.containsKey(kind)) {
            CHECKED.put(kind, true);
            if (kind != DatabaseKind.H2) {
                DriverManager.setLoginTimeout(5);
                try (Connection ignored = DriverManager.getConnection(kind.baseUrl(), kind.username(), kind.password())) {
                    System.out.println("[athanor-test] " + kind.label() + " is reachable at " + kind.baseUrl());
                } catch (SQLException failure) {
                    String reason = kind.label() + " is not reachable at " + kind.baseUrl() + " as '" + kind.username()
                            + "' (" + failure.getMessage() + "); set ATHANOR_TEST_" + kind.name()
                            + "_URL/_USER/_PASSWORD or start the server";
                    UNREACHABLE.put(kind, reason);
                    System.out.println("[athanor-test] WARNING: " + reason + ". Its tests are "
                            + (required(kind) ? "FAILING (required by ATHANOR_REQUIRE_DATABASES)" : "SKIPPED") + ".");
                }
            }
        }
        return UNREACHABLE.get(kind);
    }

    static boolean required(DatabaseKind kind) {
        return names("ATHANOR_REQUIRE_DATABASES", "").contains(kind.label())
                || names("ATHANOR_REQUIRE_DATABASES", "").contains("all");
    }

    static boolean selected(DatabaseKind kind) {
        Set<String> selected = names("ATHANOR_TEST_DATABASES", "all");
        return selected.contains("all") || selected.contains(kind.label()) || required(kind);
    }

    private static Set<String> names(String variable, String fallback) {
        String value = System.getenv(variable);
        return Arrays.stream((value == null || value.isBlank() ? fallback : value).split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
    }
}
