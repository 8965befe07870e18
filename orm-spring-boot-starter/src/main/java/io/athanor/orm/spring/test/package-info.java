/** The {@code @OrmTest} test slice: DataSource, transactions and Athanor only, each test rolled back. */
package io.athanor.orm.spring.test;
