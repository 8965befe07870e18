package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** A parent whose children may have no parent at all (a nullable foreign key, no delete cascade). */
@Table("teams")
public class Team {
    @Column(primaryKey = true) private Long id;
    @Column(length = 30, nullable = false) private String name;
    @Relationship(backPopulates = "team", orderBy = "id") private List<Player> players = new ArrayList<>();

    protected Team() {
    }

    public Team(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Player> getPlayers() {
        return players;
    }
}
