package io.athanor.orm.query;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Table;

/** SQLAlchemy's ORM Quick Start Address. */
@Table("address")
public class Address {
    @Column(primaryKey = true) private Long id;
    @Column(name = "email_address", length = 60, nullable = false) private String emailAddress;
    @Column(name = "user_id", nullable = false) @ForeignKey("user_account.id") private Long userId;

    protected Address() {
    }

    public Address(String emailAddress, Long userId) {
        this.emailAddress = emailAddress;
        this.userId = userId;
    }

    public Long getId() {
        return id;
    }

    public String getEmailAddress() {
        return emailAddress;
    }

    public Long getUserId() {
        return userId;
    }
}
