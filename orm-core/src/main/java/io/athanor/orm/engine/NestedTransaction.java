package io.athanor.orm.engine;

/**
 * A SAVEPOINT within a connection's transaction, from {@link Connection#beginNested()}.
 * {@link #commit()} releases it and keeps the work; {@link #rollback()} undoes the work done since it
 * began and leaves the outer transaction going. Closing an active one rolls it back.
 */
public final class NestedTransaction implements AutoCloseable {

    private final Connection connection;
    private final java.sql.Savepoint savepoint;
    private final String name;
    private boolean active = true;

    NestedTransaction(Connection connection, java.sql.Savepoint savepoint, String name) {
        this.connection = connection;
        this.savepoint = savepoint;
        this.name = name;
    }

    /** Releases the savepoint: its work becomes part of the outer transaction. */
    public void commit() {
        requireActive();
        active = false;
        connection.releaseSavepoint(savepoint, name);
    }

    /** Undoes the work done since the savepoint; the outer transaction continues. */
    public void rollback() {
        requireActive();
        active = false;
        connection.rollbackToSavepoint(savepoint, name);
    }

    String name() {
        return name;
    }

    void end() {
        active = false;
    }

    /** Whether neither this savepoint nor its outer transaction has been committed or rolled back yet. */
    public boolean isActive() {
        return active;
    }

    /**
     * Rolls back if still active. On a connection that was lost, or whose transaction the database rolled
     * back after a deadlock, there is no savepoint left to roll back to (the database ended the whole
     * transaction), so it only ends, as the connection's own close does.
     */
    @Override
    public void close() {
        if (active && (connection.isConnectionLost() || connection.isTransactionRolledBack())) {
            active = false;
        } else if (active && !connection.isClosed()) {
            rollback();
        }
    }

    private void requireActive() {
        if (!active) {
            throw new io.athanor.orm.InvalidRequestException("ATH-E018", "Savepoint " + name
                    + " was already committed or rolled back, itself or with its outer transaction; begin a new one"
                    + " with beginNested().");
        }
    }
}
