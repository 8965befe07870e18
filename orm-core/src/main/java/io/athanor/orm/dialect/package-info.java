/**
 * The dialects Athanor ships, one sub-package per database: {@code h2}, {@code postgresql} and
 * {@code mariadb} (which also serves MySQL). Each holds what its database does differently: type
 * names, identity columns, quoting, value binding and the error-code table.
 */
package io.athanor.orm.dialect;
