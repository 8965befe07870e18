package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Cascade;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.LoadStrategy;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** A parent whose collection is always loaded with a join ({@code lazy = JOINED}). */
@Table("albums")
public class Album {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String title;
    @Relationship(backPopulates = "album", cascade = Cascade.ALL, lazy = LoadStrategy.JOINED, orderBy = "number")
    private List<Track> tracks = new ArrayList<>();

    protected Album() {
    }

    public Album(String title) {
        this.title = title;
    }

    public List<Track> getTracks() {
        return tracks;
    }
}
