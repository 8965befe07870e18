package io.athanor.benchmarks;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** W5's child row. */
@Table("bench_child")
public class Child {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;
    @Column(name = "parent_id", nullable = false, index = true) @ForeignKey("bench_parent.id") private Long parentId;
    @Column(length = 40, nullable = false) private String name;
    @Column(nullable = false) private int quantity;
    @Relationship(backPopulates = "children") private Parent parent;

    protected Child() {
    }

    public Child(long id, Parent parent, String name, int quantity) {
        this.id = id;
        this.parent = parent;
        this.parentId = parent.getId();
        this.name = name;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public Long getParentId() {
        return parentId;
    }

    public String getName() {
        return name;
    }

    public int getQuantity() {
        return quantity;
    }

    public Parent getParent() {
        return parent;
    }
}
