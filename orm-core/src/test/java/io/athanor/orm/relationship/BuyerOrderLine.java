package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** A line of a {@link BuyerOrder}. */
@Table("buyer_order_lines")
public class BuyerOrderLine {
    @Column(primaryKey = true) private Long id;
    @Column(name = "line_no", nullable = false) private int lineNumber;
    @Column(length = 30, nullable = false) private String product;
    @Column(name = "order_id", nullable = false) @ForeignKey("buyer_orders.id") private Long orderId;
    @Relationship(backPopulates = "lines") private BuyerOrder order;

    protected BuyerOrderLine() {
    }

    public BuyerOrderLine(int lineNumber, String product) {
        this.lineNumber = lineNumber;
        this.product = product;
    }

    public String getProduct() {
        return product;
    }

    public BuyerOrder getOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "BuyerOrderLine(" + lineNumber + ", " + product + ")";
    }
}
