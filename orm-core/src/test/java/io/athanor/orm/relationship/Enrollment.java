package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

/** The association table of the many-to-many, mapped as a class. */
@Table("enrollments")
public class Enrollment {
    @Column(name = "student_id", primaryKey = true) @ForeignKey("students.id") private Long studentId;
    @Column(name = "course_id", primaryKey = true) @ForeignKey("courses.id") private Long courseId;

    protected Enrollment() {
    }
}
