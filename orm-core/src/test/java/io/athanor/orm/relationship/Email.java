package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** The Quick Start's Address. */
@Table("address")
public class Email {
    @Column(primaryKey = true) private Long id;
    @Column(name = "email_address", length = 60, nullable = false) private String emailAddress;
    @Column(name = "user_id", nullable = false) @ForeignKey("user_account.id") private Long personId;
    @Relationship(backPopulates = "addresses") private Person person;

    protected Email() {
    }

    public Email(String emailAddress) {
        this.emailAddress = emailAddress;
    }

    public Long getId() {
        return id;
    }

    public String getEmailAddress() {
        return emailAddress;
    }

    public void setEmailAddress(String emailAddress) {
        this.emailAddress = emailAddress;
    }

    public Long getPersonId() {
        return personId;
    }

    public Person getPerson() {
        return person;
    }

    public void setPerson(Person person) {
        this.person = person;
    }
}
