package io.athanor.orm.engine;

import io.athanor.orm.schema.MetaData;
import io.athanor.orm.schema.Table;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.sql.SqlType;
import io.athanor.orm.sql.TextClause;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract type goes into the database and comes back exactly. */
class TypeRoundTripTest {

    enum Status { ACTIVE, SUSPENDED_FOR_REVIEW }

    private static final String INSERT = "insert into everything (id, price, ratio, born, seen_at, zoned_at, at_instant,"
            + " wake_up, token, status, payload, active, notes, small, big) values (:id, :price, :ratio, :born,"
            + " :seenAt, :zonedAt, :atInstant, :wakeUp, :token, :status, :payload, :active, :notes, :small, :big)";

    private static Engine engineWithTable(TestDatabase db) {
        MetaData metadata = new MetaData();
        Table.builder(metadata, "everything")
                .column("id", SqlType.INTEGER, c -> c.primaryKey().autoincrement(false))
                .column("price", SqlType.numeric(12, 2))
                .column("ratio", SqlType.DOUBLE)
                .column("born", SqlType.DATE)
                .column("seen_at", SqlType.DATETIME)
                .column("zoned_at", SqlType.DATETIME_TZ)
                .column("at_instant", SqlType.DATETIME_TZ)
                .column("wake_up", SqlType.TIME)
                .column("token", SqlType.UUID)
                .column("status", SqlType.enumOf(Status.class))
                .column("payload", SqlType.LARGE_BINARY)
                .column("active", SqlType.BOOLEAN)
                .column("notes", SqlType.TEXT)
                .column("small", SqlType.SMALL_INTEGER)
                .column("big", SqlType.BIG_INTEGER)
                .build();
        Engine engine = db.engine();
        metadata.createAll(engine);
        return engine;
    }

    private static TextClause insert() {
        return Sql.text(INSERT);
    }

    @AcrossDatabases
    void everyContractTypeRoundTripsExactly(TestDatabase db) {
        Engine engine = engineWithTable(db);
        UUID token = UUID.fromString("3f1c8d2e-7b4a-4e1f-9c3d-2a5b6c7d8e9f");
        OffsetDateTime zoned = OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        Instant instant = Instant.parse("2001-09-09T01:46:40.654321Z");
        byte[] payload = {0, 1, 2, (byte) 0xFF, (byte) 0x80, 127, 0};
        String longText = "x".repeat(100_000) + "é€😀";

        engine.useTransaction(conn -> conn.execute(insert()
                .bind("id", 1).bind("price", new BigDecimal("1234567890.50")).bind("ratio", 0.1 + 0.2)
                .bind("born", LocalDate.of(1969, 7, 20)).bind("seenAt", LocalDateTime.of(2023, 12, 31, 23, 59, 59, 999_999_000))
                .bind("zonedAt", zoned).bind("atInstant", instant).bind("wakeUp", LocalTime.of(6, 30, 15))
                .bind("token", token).bind("status", Status.SUSPENDED_FOR_REVIEW).bind("payload", payload)
                .bind("active", true).bind("notes", longText).bind("small", (short) -32768).bind("big", Long.MAX_VALUE)));

        try (Connection conn = engine.connect()) {
            Row row = conn.execute(Sql.text("select * from everything where id = 1")).one();
            assertThat(row.get("price", BigDecimal.class)).isEqualTo(new BigDecimal("1234567890.50"));
            assertThat(row.get("price", BigDecimal.class).scale()).isEqualTo(2);
            assertThat(row.get("ratio", Double.class)).isEqualTo(0.1 + 0.2);
            assertThat(row.get("born", LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 20));
            assertThat(row.get("seen_at", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2023, 12, 31, 23, 59, 59, 999_999_000));
            OffsetDateTime zonedBack = row.get("zoned_at", OffsetDateTime.class);
            assertThat(zonedBack.toInstant()).isEqualTo(zoned.toInstant());
            if (db.dialect().supports(Capability.TIMEZONE_OFFSET_KEPT)) {
                assertThat(zonedBack).isEqualTo(zoned);
            } else {
                assertThat(zonedBack.getOffset()).isEqualTo(ZoneOffset.UTC);
            }
            assertThat(row.get("at_instant", Instant.class)).isEqualTo(instant);
            assertThat(row.get("wake_up", LocalTime.class)).isEqualTo(LocalTime.of(6, 30, 15));
            assertThat(row.get("token", UUID.class)).isEqualTo(token);
            assertThat(row.get("status", Status.class)).isEqualTo(Status.SUSPENDED_FOR_REVIEW);
            assertThat(row.get("payload", byte[].class)).containsExactly(payload);
            assertThat(row.get("active", Boolean.class)).isTrue();
            assertThat(row.get("notes", String.class)).isEqualTo(longText);
            assertThat(row.get("small", Short.class)).isEqualTo((short) -32768);
            assertThat(row.get("big", Long.class)).isEqualTo(Long.MAX_VALUE);
        }
    }

    @AcrossDatabases
    void nullRoundTripsInEveryColumn(TestDatabase db) {
        Engine engine = engineWithTable(db);
        engine.useTransaction(conn -> conn.execute(insert().bind("id", 2).bind("price", null).bind("ratio", null)
                .bind("born", null).bind("seenAt", null).bind("zonedAt", null).bind("atInstant", null)
                .bind("wakeUp", null).bind("token", null).bind("status", null).bind("payload", null)
                .bind("active", null).bind("notes", null).bind("small", null).bind("big", null)));

        try (Connection conn = engine.connect()) {
            Row row = conn.execute(Sql.text("select * from everything where id = 2")).one();
            assertThat(row.values().subList(1, row.size())).containsOnlyNulls().hasSize(14);
        }
    }

    @AcrossDatabases
    void aHostileStringIsStoredAsDataNotSql(TestDatabase db) throws Exception {
        Engine engine = engineWithTable(db);
        String hostile = "Robert'); drop table everything; -- \" ` \\ ; :id ?? '' \\' %_";
        engine.useTransaction(conn -> conn.execute(Sql.text("insert into everything (id, notes) values (:id, :notes)")
                .bind("id", 3).bind("notes", hostile)));

        try (Connection conn = engine.connect()) {
            assertThat(conn.execute(Sql.text("select notes from everything where notes = :notes")
                    .bind("notes", hostile)).scalar(String.class)).isEqualTo(hostile);
            assertThat(conn.execute(Sql.text("select count(*) from everything where notes = :notes")
                    .bind("notes", "x' or '1'='1")).scalar(Long.class)).isZero();
            assertThat(db.dialect().hasTable(conn.jdbc(), "everything")).isTrue();
        }
    }
}
