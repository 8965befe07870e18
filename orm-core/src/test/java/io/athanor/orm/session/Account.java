package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

import java.util.UUID;

/** Client defaults, a server default read back, an assigned UUID key and an enum. */
@Table("accounts")
public class Account {
    public enum Status { OPEN, FROZEN }

    @Column(primaryKey = true) private UUID id;
    @Column(length = 30, nullable = false) private String owner;
    @Column(defaultValue = "OPEN") private Status status;
    @Column(nullable = false, serverDefault = "100") private Integer creditLimit;
    @Column private long balance;

    protected Account() {
    }

    public Account(UUID id, String owner) {
        this.id = id;
        this.owner = owner;
    }

    public UUID getId() {
        return id;
    }

    public Status getStatus() {
        return status;
    }

    public Integer getCreditLimit() {
        return creditLimit;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }
}
