/** The PostgreSQL dialect (PostgreSQL 12 and later). */
package io.athanor.orm.dialect.postgresql;
