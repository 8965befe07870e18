package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

/** A track of an album. */
@Table("tracks")
public class Track {
    @Column(primaryKey = true) private Long id;
    @Column(nullable = false) private int number;
    @Column(name = "album_id") @ForeignKey("albums.id") private Long albumId;
    @Relationship(backPopulates = "tracks") private Album album;

    protected Track() {
    }

    public Track(int number) {
        this.number = number;
    }

    public int getNumber() {
        return number;
    }
}
