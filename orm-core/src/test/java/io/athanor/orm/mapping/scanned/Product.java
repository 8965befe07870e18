package io.athanor.orm.mapping.scanned;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

import java.math.BigDecimal;

@Table
public class Product {
    @Column(primaryKey = true) private Long productId;
    @Column(length = 80, nullable = false) private String displayName;
    @Column(precision = 8, scale = 2) private BigDecimal unitPrice;

    protected Product() {
    }
}
