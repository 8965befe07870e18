package io.athanor.orm.spring.broken;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A mapping mistake: a field whose type has no column type. */
@Table("broken")
public class Broken {
    @Column(primaryKey = true) private Long id;
    @Column private java.util.List<String> tags;

    protected Broken() {
    }
}
