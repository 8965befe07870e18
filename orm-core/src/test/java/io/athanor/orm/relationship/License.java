package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** The foreign-key side of {@link Driver#getLicense()}. */
@Table("licenses")
public class License {
    @Column(primaryKey = true) private Long id;
    @Column(length = 12, nullable = false) private String number;
    @Column(name = "driver_id", nullable = false) @ForeignKey("drivers.id") private Long driverId;
    @Relationship(backPopulates = "license") private Driver driver;

    protected License() {
    }

    public License(String number) {
        this.number = number;
    }

    public Long getDriverId() {
        return driverId;
    }

    public String getNumber() {
        return number;
    }
}
