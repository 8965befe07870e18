package io.athanor.orm.relationship;

import io.athanor.orm.MappingException;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.RelationshipProperty;
import io.athanor.orm.mapping.Table;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relationship mapping mistakes fail when the registry is built, naming both sides. */
class RelationshipMappingTest {

    @Table("teams")
    static class Team {
        @Column(primaryKey = true) private Long id;
        @Relationship private List<Player> players;
    }

    @Table("players")
    static class Player {
        @Column(primaryKey = true) private Long id;
    }

    @Table("matches")
    static class Match {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("clubs.id") private Long homeId;
        @Column @ForeignKey("clubs.id") private Long awayId;
        @Relationship private Club home;
        @Relationship(foreignKey = "awayId") private Club away;
    }

    @Table("clubs")
    static class Club {
        @Column(primaryKey = true) private Long id;
    }

    @Table("owners")
    static class Owner {
        @Column(primaryKey = true) private Long id;
        @Relationship(backPopulates = "keeper") private List<Pet> pets;
    }

    @Table("pets")
    static class Pet {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("owners.id") private Long ownerId;
        @Relationship(backPopulates = "pets") private Owner owner;
    }

    @Table("fleets")
    static class Fleet {
        @Column(primaryKey = true) private Long id;
        @Relationship(foreignKey = "fleetId") private List<Ship> ships;
    }

    @Table("ships")
    static class Ship {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("fleets.id") private Long fleetId;
        @Column @ForeignKey("fleets.id") private Long flagshipOfId;
        @Relationship(foreignKey = "fleetId") private Fleet fleet;
    }

    @Test
    void aRelationshipWithoutAForeignKeyNamesBothSides() {
        assertThatThrownBy(() -> Registry.of(Team.class, Player.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Team.players relates to Player, but no foreign key of Player refers to Team; add"
                        + " @ForeignKey(\"teams.id\") to the column of Player that holds the reference.");
    }

    @Test
    void anAmbiguousForeignKeyAsksWhichOne() {
        assertThatThrownBy(() -> Registry.of(Match.class, Club.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Match.home relates to Club, but 2 foreign keys of Match refer to Club; say which"
                        + " with @Relationship(foreignKey = \"...\").");
    }

    @Test
    void aBackPopulatesNamingAMissingRelationshipIsRefused() {
        assertThatThrownBy(() -> Registry.of(Owner.class, Pet.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Owner.pets has backPopulates = \"keeper\", but Pet has no relationship 'keeper';"
                        + " its relationships are [owner].");
    }

    @Test
    void theForeignKeyAttributeChoosesAmongSeveral() {
        Mapper<Fleet> fleets = Registry.of(Fleet.class, Ship.class).mapper(Fleet.class);
        RelationshipProperty ships = fleets.relationship("ships");

        assertThat(ships.kind()).isEqualTo(RelationshipProperty.Kind.ONE_TO_MANY);
        assertThat(ships.foreignKey()).extracting(attribute -> attribute.name()).containsExactly("fleetId");
        assertThat(fleets.relationships()).hasSize(1);
    }

    @Test
    void theMapperDescribesItsRelationships() {
        Mapper<Person> people = Registry.of(Person.class, Email.class).mapper(Person.class);
        RelationshipProperty addresses = people.relationship("addresses");

        assertThat(addresses.target().type()).isEqualTo(Email.class);
        assertThat(addresses.backPopulates().name()).isEqualTo("person");
        assertThat(addresses.strategy()).isEqualTo(io.athanor.orm.mapping.LoadStrategy.SELECT);
        assertThat(addresses.backPopulates().strategy()).isEqualTo(io.athanor.orm.mapping.LoadStrategy.SELECTIN);
    }
}
