package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

/** One committed movement of money, written in the same transaction as the two balances it changes. */
@Table("transfers")
public class Transfer {
    @Column(primaryKey = true) private Long id;
    @Column(name = "from_account", nullable = false) @ForeignKey("bank_accounts.id") private Long fromAccount;
    @Column(name = "to_account", nullable = false) @ForeignKey("bank_accounts.id") private Long toAccount;
    @Column(nullable = false) private long amount;

    protected Transfer() {
    }

    public Transfer(Long fromAccount, Long toAccount, long amount) {
        this.fromAccount = fromAccount;
        this.toAccount = toAccount;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }
}
