package io.athanor.orm.spring.other;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A class in a package only @EntityScan or athanor.scan-packages names. */
@Table("products")
public class Product {
    @Column(primaryKey = true) private Long id;
    @Column(length = 40) private String title;

    protected Product() {
    }
}
