package io.athanor.orm.spring.slice;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/** A mapped class of the slice application. */
@Table("notes")
public class Note {
    @Column(primaryKey = true) private Long id;
    @Column(length = 100, nullable = false) private String text;

    protected Note() {
    }

    public Note(String text) {
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
