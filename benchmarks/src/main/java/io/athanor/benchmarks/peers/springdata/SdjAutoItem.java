package io.athanor.benchmarks.peers.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data JDBC's aggregate for {@code bench_auto_item}: a null id means new, the identity column fills it. */
@Table("bench_auto_item")
public class SdjAutoItem {
    @Id
    private Long id;
    private final String name;
    private final int quantity;

    public SdjAutoItem(String name, int quantity) {
        this.name = name;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getQuantity() {
        return quantity;
    }
}
