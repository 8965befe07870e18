package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** The other side of a one-to-one: it holds the unique foreign key. */
@Table("passports")
public class Passport {
    @Column(primaryKey = true) private Long id;
    @Column(length = 12, nullable = false) private String number;
    @Column(nullable = false, unique = true) @ForeignKey("citizens.id") private Long citizenId;
    @Relationship(backPopulates = "passport") private Citizen citizen;

    protected Passport() {
    }

    public Passport(String number) {
        this.number = number;
    }

    public String getNumber() {
        return number;
    }

    public Long getCitizenId() {
        return citizenId;
    }

    public void setCitizen(Citizen citizen) {
        this.citizen = citizen;
    }

    public Citizen getCitizen() {
        return citizen;
    }
}
