package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** Refers to an employee, who refers back to it: tables in a cycle. */
@Table("departments")
public class Department {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String name;
    @Column(name = "manager_id") @ForeignKey("employees.id") private Long managerId;
    @Relationship(foreignKey = "managerId") private Employee manager;

    protected Department() {
    }

    public Department(String name) {
        this.name = name;
    }

    public Long getManagerId() {
        return managerId;
    }

    public void setManager(Employee manager) {
        this.manager = manager;
    }
}
