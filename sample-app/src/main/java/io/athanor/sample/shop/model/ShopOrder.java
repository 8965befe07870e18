package io.athanor.sample.shop.model;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.schema.ReferentialAction;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** An order placed by a customer, with its lines; deleting the customer deletes its orders (ON DELETE CASCADE). */
@Table("orders")
public class ShopOrder {
    @Column(primaryKey = true) private Long id;
    @Column(nullable = false, index = true) @ForeignKey(value = "customers.id", onDelete = ReferentialAction.CASCADE)
    private Long customerId;
    @Column(precision = 10, scale = 2, nullable = false) private BigDecimal amount;
    @Column(nullable = false) private LocalDateTime placedAt;
    @Relationship(backPopulates = "orders") private Customer customer;
    @Relationship(backPopulates = "order", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "id",
            passiveDeletes = true)
    private List<OrderLine> lines = new ArrayList<>();

    protected ShopOrder() {
    }

    public ShopOrder(LocalDateTime placedAt) {
        this.placedAt = placedAt;
        this.amount = BigDecimal.ZERO;
    }

    /** Adds a line and keeps the order's amount, the sum of its lines, up to date. */
    public ShopOrder add(OrderLine line) {
        lines.add(line);
        amount = amount.add(line.total());
        return this;
    }

    public Customer getCustomer() {
        return customer;
    }

    public List<OrderLine> getLines() {
        return lines;
    }

    public LocalDateTime getPlacedAt() {
        return placedAt;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getAmount() {
        return amount;
    }
}
