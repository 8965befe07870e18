package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.dialect.postgresql.PostgresDialect;
import io.athanor.orm.mapping.scanned.Product;
import io.athanor.orm.mapping.scanned.nested.StockLevel;
import io.athanor.orm.schema.MetaData;
import io.athanor.orm.session.Customer;
import io.athanor.orm.session.OrderLine;
import io.athanor.orm.sql.SqlType;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryTest {

    @Test
    void aMapperDescribesTheTableKeyAndColumns() {
        Mapper<Customer> mapper = Registry.of(Customer.class).mapper(Customer.class);

        assertThat(mapper.table().name()).isEqualTo("customers");
        assertThat(mapper.primaryKey()).extracting(io.athanor.orm.schema.Column::name).containsExactly("id");
        assertThat(mapper.columns()).extracting(io.athanor.orm.schema.Column::name).containsExactly("id", "name", "country");
        assertThat(mapper.attribute("name").column().type()).isEqualTo(SqlType.string(50));
        assertThat(mapper.attribute("name").column().nullable()).isFalse();
        assertThat(mapper.attribute("id").generated()).isTrue();
        assertThat(mapper.identityOf(new Customer("Ed", "UK"))).isNull();
    }

    @Test
    void aCompositeIdentityIsTheListOfKeyValues() {
        Mapper<OrderLine> mapper = Registry.of(OrderLine.class).mapper(OrderLine.class);

        assertThat(mapper.identityOf(new OrderLine(7, 2, "tea", 1))).isEqualTo(List.of(7, 2));
        assertThat(mapper.attribute("orderNo").generated()).isFalse();
    }

    @Test
    void scanFindsTableClassesInThePackageAndItsSubPackages() {
        Registry registry = Registry.builder().scan("io.athanor.orm.mapping.scanned")
                .namingStrategy(NamingStrategy.SNAKE_CASE).build();

        assertThat(registry.isMapped(Product.class)).isTrue();
        assertThat(registry.isMapped(StockLevel.class)).isTrue();
        assertThat(registry.metadata().sortedTables()).extracting(io.athanor.orm.schema.Table::name)
                .containsExactly("product", "stock_level");
        assertThat(registry.mapper(Product.class).columns()).extracting(io.athanor.orm.schema.Column::name)
                .containsExactly("product_id", "display_name", "unit_price");
    }

    @Test
    void aPackageWithoutMappedClassesIsReported() {
        assertThatThrownBy(() -> Registry.scan("io.athanor.orm.mapping.empty"))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E058] Package 'io.athanor.orm.mapping.empty' holds no @Table class; check the package"
                        + " name (sub-packages are included).");
    }

    @Test
    void snakeCaseTurnsCamelCaseIntoWords() {
        assertThat(NamingStrategy.SNAKE_CASE.apply("emailAddress")).isEqualTo("email_address");
        assertThat(NamingStrategy.SNAKE_CASE.apply("OrderLine")).isEqualTo("order_line");
        assertThat(NamingStrategy.SNAKE_CASE.apply("HTTPServer")).isEqualTo("http_server");
        assertThat(NamingStrategy.SNAKE_CASE.apply("id")).isEqualTo("id");
    }

    /** A class that cannot carry annotations. */
    static final class LegacyUser {
        private Long id;
        private String fullName;

        LegacyUser() {
        }
    }

    @Test
    void aClassWithoutAnnotationsIsMappedImperatively() {
        Registry registry = Registry.of();
        io.athanor.orm.schema.Table users = io.athanor.orm.schema.Table.builder(registry.metadata(), "legacy_users")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("full_name", SqlType.string(100))
                .build();

        Mapper<LegacyUser> mapper = registry.mapImperatively(LegacyUser.class, users, java.util.Map.of("full_name", "fullName"));

        assertThat(mapper.attributeNames()).containsExactly("id", "fullName");
        assertThat(registry.mapper(LegacyUser.class)).isSameAs(mapper);
    }

    @Test
    void anImperativeMappingNeedsAFieldForEveryColumn() {
        Registry registry = Registry.of();
        io.athanor.orm.schema.Table users = io.athanor.orm.schema.Table.builder(registry.metadata(), "legacy_users")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey())
                .column("email", SqlType.string(100))
                .build();

        assertThatThrownBy(() -> registry.mapImperatively(LegacyUser.class, users))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] LegacyUser has no field for column 'legacy_users.email'; add one, or name it"
                        + " with mapImperatively(type, table, Map.of(\"email\", \"fieldName\")).");
    }

    @Test
    void anImperativeMappingNeedsATableOfTheRegistry() {
        io.athanor.orm.schema.Table elsewhere = io.athanor.orm.schema.Table.builder(new MetaData(), "legacy_users")
                .column("id", SqlType.BIG_INTEGER, c -> c.primaryKey()).build();

        assertThatThrownBy(() -> Registry.of().mapImperatively(LegacyUser.class, elsewhere))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E059] Table 'legacy_users' belongs to another MetaData; define it with"
                        + " Table.builder(registry.metadata(), \"legacy_users\").");
    }

    @Test
    void theRegistryTablesCompileForEveryDialect() {
        assertThat(Registry.of(Customer.class).metadata().createStatements(new PostgresDialect())).containsExactly(
                "CREATE TABLE customers (\n\tid BIGINT GENERATED BY DEFAULT AS IDENTITY,\n\tname VARCHAR(50) NOT NULL,\n"
                        + "\tcountry VARCHAR(255),\n\tCONSTRAINT pk_customers PRIMARY KEY (id)\n)");
    }
}
