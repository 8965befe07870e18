package io.athanor.orm.query;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** SQLAlchemy's ORM Quick Start User. */
@Table("user_account")
public class User {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Column(length = 60) private String fullname;

    protected User() {
    }

    public User(String name, String fullname) {
        this.name = name;
        this.fullname = fullname;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getFullname() {
        return fullname;
    }

    public void setFullname(String fullname) {
        this.fullname = fullname;
    }

    @Override
    public String toString() {
        return "User(id=" + id + ", name=" + name + ", fullname=" + fullname + ")";
    }
}
