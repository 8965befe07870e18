package io.athanor.orm.query;

import io.athanor.orm.MultipleResultsFoundException;
import io.athanor.orm.NoResultFoundException;
import io.athanor.orm.session.Session;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLAlchemy's ORM Quick Start, query by query, with its results. */
class QuickStartTest {

    @AcrossDatabases
    void selectUsersWhoseNameIsInAList(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            List<User> users = session.scalars(
                    select(User.class).where(col("name").in("spongebob", "sandy")).orderBy(col("id"))).all();

            assertThat(users).extracting(User::getName).containsExactly("spongebob", "sandy");
            assertThat(users).extracting(User::getFullname).containsExactly("Spongebob Squarepants", "Sandy Cheeks");
        }
    }

    @AcrossDatabases
    void selectWithJoinFindsSandysAddress(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            Address sandy = session.scalars(select(Address.class).join(User.class)
                    .where(col(User.class, "name").eq("sandy"),
                            col(Address.class, "emailAddress").eq("sandy@sqlalchemy.org"))).one();

            assertThat(sandy.getEmailAddress()).isEqualTo("sandy@sqlalchemy.org");
        }
    }

    @AcrossDatabases
    void theGeneratedMetamodelNamesTheSameColumns(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            Address sandy = session.scalars(select(Address.class).join(User.class)
                    .where(User_.name.eq("sandy"), Address_.emailAddress.eq("sandy@sqlalchemy.org"))).one();

            assertThat(sandy.getEmailAddress()).isEqualTo("sandy@sqlalchemy.org");
        }
    }

    @AcrossDatabases
    void oneRaisesWhenNoRowMatches(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThatThrownBy(() -> session.scalars(select(User.class).where(col("name").eq("squidward"))).one())
                    .isInstanceOf(NoResultFoundException.class)
                    .hasMessage("[ATH-E001] No row was found when one was required (one()). Use oneOrNull() or first()"
                            + " when no row is a normal outcome.");
        }
    }

    @AcrossDatabases
    void oneRaisesWhenTwoRowsMatch(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            assertThatThrownBy(() -> session.scalars(select(Address.class).join(User.class)
                    .where(col(User.class, "name").eq("sandy"))).one())
                    .isInstanceOf(MultipleResultsFoundException.class)
                    .hasMessage("[ATH-E002] Multiple rows were found when exactly one was required (one()). Narrow the"
                            + " criteria, or use first() when any row will do.");
        }
    }

    @AcrossDatabases
    void aQueryReturnsTheSameInstanceThatGetReturned(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.get(User.class, 2L);

            assertThat(session.scalars(select(User.class).where(col("name").eq("sandy"))).one()).isSameAs(sandy);
        }
    }
}
