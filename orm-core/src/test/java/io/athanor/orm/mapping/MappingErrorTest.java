package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every mapping mistake fails when the registry is built, naming the class and the field. */
class MappingErrorTest {

    @Table("two_versions")
    static class TwoVersions {
        @Column(primaryKey = true) private Long id;
        @Version private int version;
        @Version private long revision;
    }

    @Table("text_versions")
    static class TextVersion {
        @Column(primaryKey = true) private Long id;
        @Version private String version;
    }

    @Table("key_versions")
    static class KeyVersion {
        @Column(primaryKey = true) @Version private Long id;
    }

    @Table("no_key")
    static class NoKey {
        @Column private String name;
    }

    @Table("odd_type")
    static class OddType {
        @Column(primaryKey = true) private Long id;
        @Column private List<String> tags;
    }

    @Table("people")
    static class Person {
        @Column(primaryKey = true) private Long id;
    }

    @Table("people")
    static class Human {
        @Column(primaryKey = true) private Long id;
    }

    @Table("orders")
    static class OrderToNowhere {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("customer.id") private Long customerId;
    }

    @Table("orders")
    static class OrderToMissingColumn {
        @Column(primaryKey = true) private Long id;
        @Column @ForeignKey("people.person_id") private Long personId;
    }

    @Table("twice")
    static class SameColumnTwice {
        @Column(primaryKey = true) private Long id;
        @Column(name = "label") private String title;
        @Column(name = "label") private String caption;
    }

    @Table("frozen")
    static class FinalField {
        @Column(primaryKey = true) private final Long id = 1L;
    }

    @Table("no_constructor")
    static class NoConstructor {
        @Column(primaryKey = true) private Long id;

        NoConstructor(Long id) {
            this.id = id;
        }
    }

    @Table("mismatch")
    static class TypeMismatch {
        @Column(primaryKey = true) private Long id;
        @Column(type = ColumnType.DATE) private String day;
    }

    @Table("bad_default")
    static class BadDefault {
        @Column(primaryKey = true) private Long id;
        @Column(defaultValue = "many") private Integer count;
    }

    static class NotAnnotated {
        @Column(primaryKey = true) private Long id;
    }

    @Test
    void aClassWithoutPrimaryKey() {
        assertThatThrownBy(() -> Registry.of(NoKey.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E050] NoKey has no primary key: mark at least one field @Column(primaryKey = true).");
    }

    @Test
    void aFieldOfAnUnsupportedType() {
        assertThatThrownBy(() -> Registry.of(OddType.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] OddType.tags has type java.util.List, which has no column type. Map it as one of"
                        + " Integer, Long, Short, String, BigDecimal, Double, Float, Boolean, LocalDate, LocalTime,"
                        + " LocalDateTime, OffsetDateTime, Instant, UUID, byte[] or an enum, or leave the field"
                        + " unannotated to keep it out of the table.");
    }

    @Test
    void twoClassesOnOneTable() {
        assertThatThrownBy(() -> Registry.of(Person.class, Human.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E059] Person and Human both map table 'people'. Give each class its own @Table; to map a"
                        + " second class onto an existing table on purpose, use registry.mapImperatively(..).");
    }

    @Test
    void aForeignKeyToAnUnknownTable() {
        assertThatThrownBy(() -> Registry.of(OrderToNowhere.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] OrderToNowhere.customerId has @ForeignKey(\"customer.id\"), but no mapped class has"
                        + " table 'customer'; the registry's tables are [orders].");
    }

    @Test
    void aForeignKeyToAnUnknownColumn() {
        assertThatThrownBy(() -> Registry.of(Person.class, OrderToMissingColumn.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] OrderToMissingColumn.personId has @ForeignKey(\"people.person_id\"), but table"
                        + " 'people' (Person) has no column 'person_id'; its columns are [id].");
    }

    @Test
    void twoFieldsOnOneColumn() {
        assertThatThrownBy(() -> Registry.of(SameColumnTwice.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] SameColumnTwice.caption maps column 'label', which SameColumnTwice.title maps too;"
                        + " give one of them another @Column(name = ..).");
    }

    @Test
    void aFinalField() {
        assertThatThrownBy(() -> Registry.of(FinalField.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] FinalField.id is final, so Athanor could not set it when loading rows; remove"
                        + " 'final'.");
    }

    @Test
    void aClassWithoutNoArgumentConstructor() {
        assertThatThrownBy(() -> Registry.of(NoConstructor.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E050] NoConstructor has no no-argument constructor; add one (it may be protected or"
                        + " private) so that Athanor can create instances when loading rows.");
    }

    @Test
    void anExplicitColumnTypeThatDoesNotFitTheField() {
        assertThatThrownBy(() -> Registry.of(TypeMismatch.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] TypeMismatch.day is a java.lang.String but is declared @Column(type ="
                        + " ColumnType.DATE), which holds [LocalDate]. Change the field's type or the column type.");
    }

    @Test
    void aDefaultValueThatIsNotOfTheFieldsType() {
        assertThatThrownBy(() -> Registry.of(BadDefault.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E056] BadDefault.count has defaultValue \"many\", which is not a valid Integer (For input"
                        + " string: \"many\").");
    }

    @Test
    void aClassWithoutTableAnnotation() {
        assertThatThrownBy(() -> Registry.of(NotAnnotated.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E050] " + NotAnnotated.class.getName() + " is not annotated with @Table; annotate it, or"
                        + " map it with registry.mapImperatively(..).");
    }

    @Test
    void aClassHasAtMostOneVersionCounter() {
        assertThatThrownBy(() -> Registry.of(TwoVersions.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] TwoVersions.revision is a second @Version counter; TwoVersions.version is one"
                        + " already, and a class has at most one.");
    }

    @Test
    void aVersionCounterIsAnInteger() {
        assertThatThrownBy(() -> Registry.of(TextVersion.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] TextVersion.version is a @Version counter but has type String; a version counter"
                        + " is an int, Integer, long or Long.");
    }

    @Test
    void theVersionCounterIsNotThePrimaryKey() {
        assertThatThrownBy(() -> Registry.of(KeyVersion.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E051] KeyVersion.id is both the primary key and the @Version counter; give the version"
                        + " a field of its own.");
    }
}
