package io.athanor.orm.mapping;

import java.util.Locale;

/**
 * Turns Java names into table and column names where the annotations give none. Set it on the
 * {@link Registry}: {@code Registry.builder().namingStrategy(NamingStrategy.SNAKE_CASE)}.
 */
@FunctionalInterface
public interface NamingStrategy {

    /** Names are used as written: field {@code emailAddress} → column {@code emailAddress} (the default, as SQLAlchemy). */
    NamingStrategy AS_IS = name -> name;

    /** camelCase becomes snake_case: field {@code emailAddress} → column {@code email_address}, class {@code OrderLine} → {@code order_line}. */
    NamingStrategy SNAKE_CASE = NamingStrategy::snakeCase;

    /**
     * The database name for a Java name (a field name, or a class's simple name).
     *
     * @param javaName the Java name
     * @return the table or column name
     */
    String apply(String javaName);

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean previousLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '_';
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                boolean previousUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
                if (i > 0 && (previousLower || (previousUpper && nextLower))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
