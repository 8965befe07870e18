/**
 * The metamodel generator: an annotation processor that writes, for every {@code @Table} class
 * {@code User}, a class {@code User_} with one typed {@link io.athanor.orm.sql.ColumnRef} per mapped
 * field ({@code User_.name} is a {@code ColumnRef<String>}), so that queries are checked by the
 * compiler. It runs in any {@code javac} or Maven build that has orm-core on its class path.
 */
package io.athanor.orm.metamodel;
