package io.athanor.benchmarks;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** W5's parent: ten children each, loaded lazily unless a query says otherwise. */
@Table("bench_parent")
public class Parent {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;
    @Column(length = 40, nullable = false) private String name;
    @Relationship(backPopulates = "parent", orderBy = "id") private List<Child> children = new ArrayList<>();

    protected Parent() {
    }

    public Parent(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Child> getChildren() {
        return children;
    }
}
