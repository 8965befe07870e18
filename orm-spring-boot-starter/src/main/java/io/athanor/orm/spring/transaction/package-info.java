/**
 * Binds Athanor sessions to Spring-managed transactions: inside a {@code @Transactional} method,
 * {@code sessionFactory.currentSession()} is the session of that transaction, on its JDBC connection.
 */
package io.athanor.orm.spring.transaction;
