package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.mapping.Version;

/** An account whose balance many transactions change at once; {@code @Version} detects lost updates. */
@Table("bank_accounts")
public class BankAccount {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String owner;
    @Column private long balance;
    @Version private int version;

    protected BankAccount() {
    }

    public BankAccount(String owner, long balance) {
        this.owner = owner;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public long getBalance() {
        return balance;
    }

    public int getVersion() {
        return version;
    }

    public void withdraw(long amount) {
        balance -= amount;
    }

    public void deposit(long amount) {
        balance += amount;
    }
}
