package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A customer whose attributes hostile identifiers try to reach. */
@Table("edge_customers")
public class EdgeCustomer {
    @Column(primaryKey = true) private Long id;
    @Column(length = 60, nullable = false) private String name;
    @Column(length = 2, nullable = false) private String country;

    protected EdgeCustomer() {
    }

    public EdgeCustomer(String name, String country) {
        this.name = name;
        this.country = country;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCountry() {
        return country;
    }
}
