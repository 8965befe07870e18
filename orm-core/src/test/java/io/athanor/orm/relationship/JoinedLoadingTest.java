package io.athanor.orm.relationship;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.session.Load;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.SqlRecorder;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static io.athanor.orm.sql.Sql.col;
import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Joined eager loading of several relationships and of nested paths, in one SELECT (SQLAlchemy's joinedload). */
class JoinedLoadingTest {

    private static final String BUYER_COLUMNS = "SELECT buyers.id, buyers.name, ";

    /**
     * ann: addresses Oslo and Bergen (in that insert order), orders 1, 2, 3 (order 1: bread; 2: no lines;
     * 3: tea then milk, line numbers 2 and 1); bo: no address, order 7 with jam; cy: nothing.
     */
    private static SessionFactory sessions(TestDatabase db) {
        Engine engine = db.track(db.engineBuilder().echo(true).build());
        Registry registry = Registry.of(Buyer.class, BuyerAddress.class, BuyerOrder.class, BuyerOrderLine.class);
        registry.metadata().createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, registry);
        sessions.useTransaction(session -> {
            Buyer ann = new Buyer("ann");
            ann.getAddresses().add(new BuyerAddress("Oslo"));
            ann.getAddresses().add(new BuyerAddress("Bergen"));
            BuyerOrder first = new BuyerOrder(1);
            first.getLines().add(new BuyerOrderLine(1, "bread"));
            BuyerOrder third = new BuyerOrder(3);
            third.getLines().add(new BuyerOrderLine(2, "tea"));
            third.getLines().add(new BuyerOrderLine(1, "milk"));
            ann.getOrders().addAll(List.of(first, new BuyerOrder(2), third));
            Buyer bo = new Buyer("bo");
            BuyerOrder seventh = new BuyerOrder(7);
            seventh.getLines().add(new BuyerOrderLine(1, "jam"));
            bo.getOrders().add(seventh);
            session.addAll(List.of(ann, bo, new Buyer("cy")));
        });
        return sessions;
    }

    private static List<String> cities(Buyer buyer) {
        return buyer.getAddresses().stream().map(BuyerAddress::getCity).toList();
    }

    private static List<Integer> numbers(Buyer buyer) {
        return buyer.getOrders().stream().map(BuyerOrder::getNumber).toList();
    }

    private static List<String> products(BuyerOrder order) {
        return order.getLines().stream().map(BuyerOrderLine::getProduct).toList();
    }

    @AcrossDatabases
    void twoCollectionsLoadWithTwoLeftOuterJoinsInOneSelect(TestDatabase db) {
        try (Session session = sessions(db).openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Buyer> buyers = session.scalars(select(Buyer.class).orderBy(col("name"))
                    .options(Load.joined("addresses"), Load.joined("orders"))).all();

            assertThat(buyers).extracting(Buyer::getName).containsExactly("ann", "bo", "cy");
            assertThat(buyers).extracting(JoinedLoadingTest::cities)
                    .containsExactly(List.of("Bergen", "Oslo"), List.of(), List.of());
            assertThat(buyers).extracting(JoinedLoadingTest::numbers)
                    .containsExactly(List.of(3, 2, 1), List.of(7), List.of());
            assertThat(sql.statements()).containsExactly(BUYER_COLUMNS
                    + "addresses_1.id, addresses_1.city, addresses_1.buyer_id,"
                    + " orders_1.id, orders_1.number, orders_1.buyer_id"
                    + " FROM buyers"
                    + " LEFT OUTER JOIN buyer_addresses AS addresses_1 ON addresses_1.buyer_id = buyers.id"
                    + " LEFT OUTER JOIN buyer_orders AS orders_1 ON orders_1.buyer_id = buyers.id"
                    + " ORDER BY buyers.name ASC, buyers.id ASC, addresses_1.city ASC, addresses_1.id ASC,"
                    + " orders_1.number DESC, orders_1.id ASC");
        }
    }

    @AcrossDatabases
    void aChainedJoinedOptionLoadsTheNestedCollectionInTheSameSelect(TestDatabase db) {
        try (Session session = sessions(db).openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Buyer> buyers = session.scalars(select(Buyer.class).orderBy(col("name"))
                    .options(Load.joined("orders").thenJoined("lines"))).all();

            assertThat(buyers.get(0).getOrders()).extracting(JoinedLoadingTest::products)
                    .containsExactly(List.of("milk", "tea"), List.of(), List.of("bread"));
            assertThat(buyers.get(1).getOrders()).extracting(JoinedLoadingTest::products)
                    .containsExactly(List.of("jam"));
            assertThat(sql.statements()).containsExactly(BUYER_COLUMNS
                    + "orders_1.id, orders_1.number, orders_1.buyer_id,"
                    + " lines_1.id, lines_1.line_no, lines_1.product, lines_1.order_id"
                    + " FROM buyers"
                    + " LEFT OUTER JOIN buyer_orders AS orders_1 ON orders_1.buyer_id = buyers.id"
                    + " LEFT OUTER JOIN buyer_order_lines AS lines_1 ON lines_1.order_id = orders_1.id"
                    + " ORDER BY buyers.name ASC, buyers.id ASC, orders_1.number DESC, orders_1.id ASC,"
                    + " lines_1.line_no ASC, lines_1.id ASC");
        }
    }

    @AcrossDatabases
    void theChainedFormIsTheSameAsAnOptionPerPath(TestDatabase db) {
        SessionFactory sessions = sessions(db);
        List<String> chained;
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.scalars(select(Buyer.class).options(Load.joined("orders").thenJoined("lines"))).all();
            chained = sql.statements();
        }
        try (Session session = sessions.openSession(); SqlRecorder sql = new SqlRecorder()) {
            session.scalars(select(Buyer.class).options(Load.joined("orders"), Load.joined("orders.lines"))).all();

            assertThat(sql.statements()).isEqualTo(chained);
        }
    }

    @AcrossDatabases
    void rowsMultipliedByJoinedCollectionsGiveEachObjectOnce(TestDatabase db) {
        try (Session session = sessions(db).openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Buyer> buyers = session.scalars(select(Buyer.class).orderBy(col("name"))
                    .options(Load.joined("addresses"), Load.joined("orders").thenJoined("lines"))).all();
            Buyer ann = buyers.get(0);

            assertThat(buyers).hasSize(3);
            assertThat(cities(ann)).containsExactly("Bergen", "Oslo");
            assertThat(numbers(ann)).containsExactly(3, 2, 1);
            assertThat(ann.getOrders()).extracting(JoinedLoadingTest::products)
                    .containsExactly(List.of("milk", "tea"), List.of(), List.of("bread"));
            assertThat(ann.getOrders().get(0).getBuyer()).isSameAs(ann);
            assertThat(ann.getOrders().get(0).getLines().get(0).getOrder()).isSameAs(ann.getOrders().get(0));
            assertThat(sql.statements()).hasSize(1);
        }
    }

    @AcrossDatabases
    void aLimitedQueryLoadsItsJoinedRelationshipsWithSelectinSoTheLimitCountsObjects(TestDatabase db) {
        try (Session session = sessions(db).openSession(); SqlRecorder sql = new SqlRecorder()) {
            List<Buyer> buyers = session.scalars(select(Buyer.class).orderBy(col("name")).limit(2)
                    .options(Load.joined("addresses"), Load.joined("orders"))).all();

            assertThat(buyers).extracting(Buyer::getName).containsExactly("ann", "bo");
            assertThat(buyers).extracting(JoinedLoadingTest::cities).containsExactly(List.of("Bergen", "Oslo"), List.of());
            assertThat(buyers).extracting(JoinedLoadingTest::numbers).containsExactly(List.of(3, 2, 1), List.of(7));
            assertThat(sql.statements()).hasSize(3);
            assertThat(sql.statements().get(0)).doesNotContain("JOIN");
            assertThat(sql.statements().get(1)).startsWith("SELECT buyer_addresses.id,").contains(" IN (");
            assertThat(sql.statements().get(2)).startsWith("SELECT buyer_orders.id,").contains(" IN (");
        }
    }

    @AcrossDatabases
    void aChainedOptionNamingNoRelationshipIsRefusedBeforeAnySql(TestDatabase db) {
        try (Session session = sessions(db).openSession(); SqlRecorder sql = new SqlRecorder()) {
            assertThatThrownBy(() -> session.scalars(select(Buyer.class)
                    .options(Load.joined("orders").thenJoined("lyns"))).all())
                    .isInstanceOf(ArgumentException.class)
                    .hasMessage("[ATH-E095] Load.joined(\"orders\").thenJoined(\"lyns\") names 'lyns', which is not a"
                            + " relationship of BuyerOrder; its relationships are [buyer, lines].");
            assertThat(sql.statements()).isEmpty();
        }
    }
}
