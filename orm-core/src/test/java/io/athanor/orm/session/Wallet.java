package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.mapping.Version;

/** An optimistically locked row. */
@Table("wallets")
public class Wallet {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String owner;
    @Column private long balance;
    @Version private int version;

    protected Wallet() {
    }

    public Wallet(String owner, long balance) {
        this.owner = owner;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public int getVersion() {
        return version;
    }
}
