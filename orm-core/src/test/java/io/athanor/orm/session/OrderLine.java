package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A composite primary key. */
@Table("order_lines")
public class OrderLine {
    @Column(name = "order_no", primaryKey = true) private int orderNo;
    @Column(name = "line_no", primaryKey = true) private int lineNo;
    @Column(length = 40) private String product;
    @Column private int quantity;

    protected OrderLine() {
    }

    public OrderLine(int orderNo, int lineNo, String product, int quantity) {
        this.orderNo = orderNo;
        this.lineNo = lineNo;
        this.product = product;
        this.quantity = quantity;
    }

    public String getProduct() {
        return product;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }
}
