package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** An order of a {@link Buyer}, with its lines: the nested level of joined loading. */
@Table("buyer_orders")
public class BuyerOrder {
    @Column(primaryKey = true) private Long id;
    @Column(nullable = false) private int number;
    @Column(name = "buyer_id", nullable = false) @ForeignKey("buyers.id") private Long buyerId;
    @Relationship(backPopulates = "orders") private Buyer buyer;
    @Relationship(backPopulates = "order", cascade = Cascade.ALL, orderBy = "lineNumber")
    private List<BuyerOrderLine> lines = new ArrayList<>();

    protected BuyerOrder() {
    }

    public BuyerOrder(int number) {
        this.number = number;
    }

    public int getNumber() {
        return number;
    }

    public Buyer getBuyer() {
        return buyer;
    }

    public List<BuyerOrderLine> getLines() {
        return lines;
    }

    @Override
    public String toString() {
        return "BuyerOrder(" + number + ")";
    }
}
