package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A generated key held in a primitive field: 0 means "not assigned yet". */
@Table("tickets")
public class Ticket {
    @Column(primaryKey = true) private long id;
    @Column(length = 40) private String title;

    protected Ticket() {
    }

    public Ticket(String title) {
        this.title = title;
    }

    public long getId() {
        return id;
    }
}
