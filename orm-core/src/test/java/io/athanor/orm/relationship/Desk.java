package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** A one-to-one without backPopulates whose replaced object keeps its row with a NULL foreign key. */
@Table("desks")
public class Desk {
    @Column(primaryKey = true) private Long id;
    @Relationship(cascade = Cascade.ALL) private Lamp lamp;

    public Desk() {
    }

    public Lamp getLamp() {
        return lamp;
    }

    public void setLamp(Lamp lamp) {
        this.lamp = lamp;
    }
}
