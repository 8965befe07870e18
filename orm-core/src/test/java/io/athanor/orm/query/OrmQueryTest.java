package io.athanor.orm.query;

import io.athanor.orm.Athanor;
import io.athanor.orm.engine.Capability;
import io.athanor.orm.sql.CompiledCache;
import io.athanor.orm.session.Savepoint;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** How ORM queries meet the session: identity map, autoflush, expiry and bulk statements. */
class OrmQueryTest {

    /** A DTO for projections. */
    record NameAndCount(String name, long addresses) {
    }

    @AcrossDatabases
    void autoflushMakesAPendingChangeVisibleToTheNextQuery(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            session.add(new User("squidward", "Squidward Tentacles"));
            session.get(User.class, 1L).setFullname("SpongeBob");

            assertThat(session.scalars(select(User.class).where(col("name").eq("squidward"))).one().getFullname())
                    .isEqualTo("Squidward Tentacles");
            assertThat(session.execute(select(col(User.class, "fullname")).where(col(User.class, "id").eq(1)))
                    .scalar(String.class)).isEqualTo("SpongeBob");
        }
    }

    @AcrossDatabases
    void aQueryDoesNotOverwriteALoadedObjectButRefreshesAnExpiredOne(TestDatabase db) {
        SessionFactory sessions = QuickStartData.sessions(db);
        try (Session session = sessions.openSession()) {
            User sandy = session.get(User.class, 2L);
            session.commit();
            sessions.useTransaction(other -> other.execute(Sql.update(User.class).where(col("id").eq(2))
                    .values("fullname", "Sandy Squirrel")));

            assertThat(session.scalars(select(User.class).where(col("id").eq(2))).one()).isSameAs(sandy);
            assertThat(sandy.getFullname()).as("expired at commit: refreshed by the row").isEqualTo("Sandy Squirrel");

            sessions.useTransaction(other -> other.execute(Sql.update(User.class).where(col("id").eq(2))
                    .values("fullname", "Changed Again")));
            session.rollback();
            session.scalars(select(User.class)).all();
            session.noAutoflush(() -> sandy.setFullname("Local Change"));
            session.scalars(select(User.class).where(col("id").eq(2))).one();
            assertThat(sandy.getFullname()).as("a loaded, unexpired object keeps its state").isEqualTo("Local Change");
        }
    }

    @AcrossDatabases
    void aBulkUpdateIsVisibleOnLoadedObjects(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.get(User.class, 2L);
            User spongebob = session.get(User.class, 1L);

            long matched = session.execute(Sql.update(User.class).where(col("name").in("sandy", "patrick"))
                    .values("fullname", "Renamed")).rowCount();

            assertThat(matched).isEqualTo(2);
            assertThat(sandy.getFullname()).isEqualTo("Renamed");
            assertThat(spongebob.getFullname()).isEqualTo("Spongebob Squarepants");
            assertThat(session.isModified(sandy)).isFalse();
        }
    }

    @AcrossDatabases
    void aBulkUpdateWithAnExpressionExpiresTheMatchedObjects(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.get(User.class, 2L);

            session.execute(Sql.update(User.class).where(col("id").eq(2))
                    .values("fullname", func.concat(col("fullname"), " (squirrel)")));

            assertThat(Athanor.inspect(sandy).isExpired()).isTrue();
            assertThat(session.get(User.class, 2L).getFullname()).isEqualTo("Sandy Cheeks (squirrel)");
        }
    }

    @AcrossDatabases
    void aBulkUpdateOfThePrimaryKeyFilesTheLoadedObjectUnderItsNewKey(TestDatabase db) {
        try (Session session = QuickStartData.open(db); SqlRecorder sql = new SqlRecorder()) {
            User patrick = session.get(User.class, 3L);

            session.execute(Sql.update(User.class).where(col("id").eq(3)).values("id", 30L));
            sql.clear();

            assertThat(patrick.getId()).isEqualTo(30L);
            assertThat(session.get(User.class, 30L)).isSameAs(patrick);
            assertThat(sql.statements()).as("found in the identity map").isEmpty();
            assertThat(Athanor.inspect(patrick).identity()).isEqualTo(30L);
            assertThat(session.isModified(patrick)).isFalse();
            assertThat(session.get(User.class, 3L)).isNull();
        }
    }

    @AcrossDatabases
    void aBulkUpdateComputingThePrimaryKeyFilesTheLoadedObjectUnderTheComputedKey(TestDatabase db) {
        try (Session session = QuickStartData.open(db); SqlRecorder sql = new SqlRecorder()) {
            User patrick = session.get(User.class, 3L);

            session.execute(Sql.update(User.class).where(col("name").eq("patrick")).values("id", col("id").plus(100)));
            sql.clear();

            assertThat(patrick.getId()).isEqualTo(103L);
            assertThat(session.get(User.class, 103L)).isSameAs(patrick);
            assertThat(sql.statements()).as("found in the identity map").isEmpty();
            assertThat(session.get(User.class, 3L)).isNull();
        }
    }

    @AcrossDatabases
    void aBulkUpdatedPrimaryKeyIsFlushedAndCommittedWithoutComplaint(TestDatabase db) {
        SessionFactory sessions = QuickStartData.sessions(db);
        try (Session session = sessions.openSession()) {
            User patrick = session.get(User.class, 3L);
            session.execute(Sql.update(User.class).where(col("id").eq(3)).values("id", 30L));
            patrick.setFullname("Patrick Star Jr");

            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(User.class, 30L).getFullname()).isEqualTo("Patrick Star Jr");
        }
    }

    @AcrossDatabases
    void rollbackFilesAnObjectABulkUpdateRekeyedUnderItsOldKeyAgain(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User patrick = session.get(User.class, 3L);
            session.execute(Sql.update(User.class).where(col("id").eq(3)).values("id", 30L));

            session.rollback();

            assertThat(session.get(User.class, 3L)).isSameAs(patrick);
            assertThat(patrick.getId()).isEqualTo(3L);
            assertThat(session.get(User.class, 30L)).isNull();
        }
    }

    @AcrossDatabases
    void rollingBackASavepointRestoresTheKeyABulkUpdateChangedInside(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User patrick = session.get(User.class, 3L);
            Savepoint savepoint = session.beginNested();
            session.execute(Sql.update(User.class).where(col("id").eq(3)).values("id", 30L));

            savepoint.rollback();

            assertThat(patrick.getId()).isEqualTo(3L);
            assertThat(session.get(User.class, 3L)).isSameAs(patrick);
            assertThat(session.isModified(patrick)).isFalse();
            assertThat(session.get(User.class, 30L)).isNull();
        }
    }

    @AcrossDatabases
    void rollingBackASavepointRestoresTheValuesABulkUpdateSetInside(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.get(User.class, 2L);
            Savepoint savepoint = session.beginNested();
            session.execute(Sql.update(User.class).where(col("id").eq(2)).values("fullname", "Renamed"));

            savepoint.rollback();

            assertThat(sandy.getFullname()).isEqualTo("Sandy Cheeks");
            assertThat(session.isModified(sandy)).isFalse();
        }
    }

    @AcrossDatabases
    void aBulkDeleteRemovesLoadedObjectsFromTheSession(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            Address first = session.get(Address.class, 1L);

            long deleted = session.execute(Sql.delete(Address.class).where(col("userId").eq(1))).rowCount();

            assertThat(deleted).isEqualTo(1);
            assertThat(Athanor.inspect(first).isDeleted()).isTrue();
            assertThat(session.get(Address.class, 1L)).isNull();
            session.rollback();
            assertThat(session.get(Address.class, 1L)).isSameAs(first);
        }
    }

    @AcrossDatabases
    void bulkInsertOfManyRowsIsOneBatchedStatement(TestDatabase db) {
        try (Session session = QuickStartData.open(db); SqlRecorder sql = new SqlRecorder()) {
            long inserted = session.execute(Sql.insert(User.class), List.of(
                    Map.of("name", "a", "fullname", "A"), Map.of("name", "b", "fullname", "B"),
                    Map.of("name", "c", "fullname", "C"))).rowCount();

            assertThat(inserted).isEqualTo(3);
            assertThat(sql.statementsWithParameters()).containsExactly("INSERT INTO user_account (name, fullname)"
                    + " VALUES (?, ?)\n[3 parameter sets: (name_1='a', fullname_2='A'), (name_1='b', fullname_2='B'),"
                    + " (name_1='c', fullname_2='C')]");
            assertThat(session.query(User.class).count()).isEqualTo(6);
        }
    }

    @AcrossDatabases
    void aMultiRowInsertAndAnInsertFromSelect(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            session.execute(Sql.insert(User.class).values(List.of(Map.of("name", "x"), Map.of("name", "y"))));
            session.execute(Sql.insert(Address.class).fromSelect(List.of("emailAddress", "userId"),
                    select(func.concat(col(User.class, "name"), "@example.com"), col(User.class, "id"))
                            .where(col(User.class, "name").in("x", "y"))));

            assertThat(session.execute(select(col(Address.class, "emailAddress"))
                    .where(col(Address.class, "emailAddress").endsWith("@example.com"))
                    .orderBy(col(Address.class, "emailAddress"))).scalars(String.class).all())
                    .containsExactly("x@example.com", "y@example.com");
        }
    }

    @AcrossDatabases
    void updateReturningWhereTheDatabaseHasIt(TestDatabase db) {
        db.assumeSupports(Capability.UPDATE_RETURNING);
        try (Session session = QuickStartData.open(db)) {
            List<Long> ids = session.execute(Sql.update(User.class).where(col("name").startsWith("s"))
                    .values("fullname", "S").returning(col("id"))).scalars(Long.class).all();

            assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
        }
    }

    @AcrossDatabases
    void rowsMapIntoARecord(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            List<NameAndCount> counts = session.execute(select(col(User.class, "name"), func.count(col(Address.class, "id")))
                    .outerJoin(Address.class).groupBy(col(User.class, "name")).orderBy(col(User.class, "name")))
                    .into(NameAndCount.class).all();

            assertThat(counts).containsExactly(new NameAndCount("patrick", 0), new NameAndCount("sandy", 2),
                    new NameAndCount("spongebob", 1));
        }
    }

    @AcrossDatabases
    void theLegacyQueryStyleWorks(TestDatabase db) {
        try (Session session = QuickStartData.open(db)) {
            User sandy = session.query(User.class).filterBy("name", "sandy").first();

            assertThat(sandy.getFullname()).isEqualTo("Sandy Cheeks");
            assertThat(session.query(User.class).filter(col("id").gt(1)).orderBy(col("id").desc()).all())
                    .extracting(User::getName).containsExactly("patrick", "sandy");
            assertThat(session.query(User.class).filterBy("name", "nobody").oneOrNull()).isNull();
            assertThat(session.query(User.class).filter(col("id").gt(1)).count()).isEqualTo(2);
            assertThat(session.query(User.class).get(2L)).isSameAs(sandy);
        }
    }

    @AcrossDatabases
    void compilingTheSameShapeTwiceHitsTheCache(TestDatabase db) {
        SessionFactory sessions = QuickStartData.sessions(db);
        CompiledCache cache = sessions.engine().compiledCache();
        try (Session session = sessions.openSession()) {
            session.scalars(select(User.class).where(col("name").eq("sandy"))).all();
            long misses = cache.misses();
            long hits = cache.hits();

            List<User> users = session.scalars(select(User.class).where(col("name").eq("patrick"))).all();
            session.scalars(select(User.class).where(col("name").eq("spongebob"))).all();

            assertThat(users).extracting(User::getName).containsExactly("patrick");
            assertThat(cache.misses()).isEqualTo(misses);
            assertThat(cache.hits()).isEqualTo(hits + 2);
            session.scalars(select(User.class).where(col("name").in("a", "b"))).all();
            assertThat(cache.misses()).as("a different shape compiles once").isEqualTo(misses + 1);
        }
    }
}
