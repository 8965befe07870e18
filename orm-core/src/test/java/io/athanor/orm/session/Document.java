package io.athanor.orm.session;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ColumnType;
import io.athanor.orm.mapping.Table;

/** A JSON column and a long text column. */
@Table("documents")
public class Document {
    @Column(primaryKey = true) private Long id;
    @Column(type = ColumnType.JSON) private String body;
    @Column(type = ColumnType.TEXT) private String notes;

    protected Document() {
    }

    public Document(String body, String notes) {
        this.body = body;
        this.notes = notes;
    }

    public Long getId() {
        return id;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getNotes() {
        return notes;
    }
}
