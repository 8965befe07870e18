package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** The other side of the cycle. */
@Table("employees")
public class Employee {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String name;
    @Column(name = "department_id") @ForeignKey("departments.id") private Long departmentId;
    @Relationship(foreignKey = "departmentId") private Department department;

    protected Employee() {
    }

    public Employee(String name, Department department) {
        this.name = name;
        this.department = department;
    }

    public Long getId() {
        return id;
    }

    public Long getDepartmentId() {
        return departmentId;
    }
}
