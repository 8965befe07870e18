/** The H2 dialect: embedded databases for development and tests. */
package io.athanor.orm.dialect.h2;
