package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** The other side of a many-to-many. */
@Table("courses")
public class Course {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String title;
    @Relationship(secondary = "enrollments", backPopulates = "courses", orderBy = "-name") private List<Student> students = new ArrayList<>();

    protected Course() {
    }

    public Course(String title) {
        this.title = title;
    }

    public String getTitle() {
        return title;
    }

    public List<Student> getStudents() {
        return students;
    }
}
