package io.athanor.orm.mapping.scanned.nested;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

@Table("stock_level")
public class StockLevel {
    @Column(primaryKey = true) @ForeignKey("product.product_id") private Long productId;
    @Column private int onHand;

    private StockLevel() {
    }
}
