package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

import java.math.BigDecimal;

/** A child of Customer through a foreign key, for flush ordering. */
@Table("invoices")
public class Invoice {
    @Column(primaryKey = true) private Long id;
    @Column(name = "customer_id", nullable = false) @ForeignKey("customers.id") private Long customerId;
    @Column(precision = 10, scale = 2) private BigDecimal amount;

    protected Invoice() {
    }

    public Invoice(Long customerId, BigDecimal amount) {
        this.customerId = customerId;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }
}
