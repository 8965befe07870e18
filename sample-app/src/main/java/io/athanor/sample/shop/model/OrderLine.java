package io.athanor.sample.shop.model;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;
import io.athanor.orm.schema.ReferentialAction;

import java.math.BigDecimal;

/** One line of an order: a product, a quantity and a unit price. */
@Table("order_lines")
public class OrderLine {
    @Column(primaryKey = true) private Long id;
    @Column(nullable = false, index = true) @ForeignKey(value = "orders.id", onDelete = ReferentialAction.CASCADE)
    private Long orderId;
    @Column(length = 60, nullable = false) private String product;
    @Column(nullable = false) private int quantity;
    @Column(precision = 10, scale = 2, nullable = false) private BigDecimal unitPrice;
    @Relationship(backPopulates = "lines") private ShopOrder order;

    protected OrderLine() {
    }

    public OrderLine(String product, int quantity, BigDecimal unitPrice) {
        this.product = product;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public String getProduct() {
        return product;
    }

    public int getQuantity() {
        return quantity;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }
}
