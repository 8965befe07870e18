package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** One side of a many-to-many. */
@Table("students")
public class Student {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(secondary = "enrollments", backPopulates = "students", orderBy = "title") private List<Course> courses = new ArrayList<>();

    protected Student() {
    }

    public Student(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Course> getCourses() {
        return courses;
    }
}
