package io.athanor.sample.shop.model;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.schema.ReferentialAction;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** An order placed by a customer; deleting the customer deletes its orders (ON DELETE CASCADE). */
@Table("orders")
public class ShopOrder {
    @Column(primaryKey = true) private Long id;
    @Column(nullable = false, index = true) @ForeignKey(value = "customers.id", onDelete = ReferentialAction.CASCADE)
    private Long customerId;
    @Column(precision = 10, scale = 2, nullable = false) private BigDecimal amount;
    @Column(nullable = false) private LocalDateTime placedAt;

    protected ShopOrder() {
    }

    public ShopOrder(Long customerId, BigDecimal amount, LocalDateTime placedAt) {
        this.customerId = customerId;
        this.amount = amount;
        this.placedAt = placedAt;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getAmount() {
        return amount;
    }
}
