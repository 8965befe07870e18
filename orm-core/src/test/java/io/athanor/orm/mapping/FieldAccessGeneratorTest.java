package io.athanor.orm.mapping;

import io.athanor.orm.session.Customer;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldAccessGeneratorTest {

    /** Private fields of every kind a column maps to. */
    static class Everything {
        private int anInt;
        private long aLong;
        private boolean aBoolean;
        private byte aByte;
        private short aShort;
        private char aChar;
        private float aFloat;
        private double aDouble;
        private String text;
        private byte[] bytes;
        private BigDecimal amount;
        private Object anything;
        private Colour colour;
    }

    private enum Colour { RED }

    /** A subclass: the fields it inherits are read through the class that declares them. */
    static class MoreThanEverything extends Everything {
    }

    static class WithFinal {
        private final int fixed = 1;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        return type.getDeclaredField(name);
    }

    private static FieldAccess generated(String name) throws NoSuchFieldException {
        FieldAccess access = FieldAccessGenerator.generate(field(Everything.class, name));
        assertThat(access).as("generated access for %s", name).isNotNull();
        assertThat(access.getClass().isHidden()).isTrue();
        return access;
    }

    @Test
    void primitiveFieldsAreReadBoxedAndWrittenFromTheirWrappers() throws Exception {
        Everything target = new Everything();
        List<Object[]> cases = List.of(
                new Object[] {"anInt", 42},
                new Object[] {"aLong", 1L << 40},
                new Object[] {"aBoolean", true},
                new Object[] {"aByte", (byte) -7},
                new Object[] {"aShort", (short) 30_000},
                new Object[] {"aChar", 'x'},
                new Object[] {"aFloat", 1.5f},
                new Object[] {"aDouble", -2.25d});
        for (Object[] each : cases) {
            FieldAccess access = generated((String) each[0]);
            access.set(target, each[1]);
            assertThat(access.get(target)).as((String) each[0]).isEqualTo(each[1]);
        }
        assertThat(target.anInt).isEqualTo(42);
        assertThat(target.aLong).isEqualTo(1L << 40);
        assertThat(target.aDouble).isEqualTo(-2.25d);
    }

    @Test
    void referenceFieldsAreReadAndWrittenAsTheyAre() throws Exception {
        Everything target = new Everything();
        byte[] bytes = {1, 2, 3};
        generated("text").set(target, "tea");
        generated("bytes").set(target, bytes);
        generated("amount").set(target, new BigDecimal("1.50"));
        generated("anything").set(target, List.of(1));
        generated("colour").set(target, Colour.RED);

        assertThat(target.text).isEqualTo("tea");
        assertThat(target.bytes).isSameAs(bytes);
        assertThat(generated("amount").get(target)).isEqualTo(new BigDecimal("1.50"));
        assertThat(generated("anything").get(target)).isEqualTo(List.of(1));
        assertThat(generated("colour").get(target)).isSameAs(Colour.RED);
        generated("text").set(target, null);
        assertThat(generated("text").get(target)).isNull();
    }

    @Test
    void anInheritedFieldIsReachedOnAnInstanceOfTheSubclass() throws Exception {
        MoreThanEverything target = new MoreThanEverything();

        generated("text").set(target, "inherited");

        assertThat(generated("text").get(target)).isEqualTo("inherited");
    }

    @Test
    void anObjectOfAnotherClassIsRefusedWithAClassCastException() throws Exception {
        assertThatThrownBy(() -> generated("text").get("not an Everything")).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> generated("anInt").set(new Everything(), "not an Integer"))
                .isInstanceOf(ClassCastException.class);
    }

    @Test
    void aFinalFieldGetsNoGeneratedClass() throws Exception {
        assertThat(FieldAccessGenerator.generate(field(WithFinal.class, "fixed"))).isNull();
    }

    @Test
    void theMethodHandleFallbackReadsAndWritesTheSameField() throws Exception {
        Field text = field(Everything.class, "text");
        FieldAccess fallback = new MethodHandleFieldAccess(Accessors.getter(text), Accessors.setter(text));
        Everything target = new Everything();

        fallback.set(target, "by handle");

        assertThat(fallback.get(target)).isEqualTo("by handle");
        assertThatThrownBy(() -> fallback.get("not an Everything")).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aMappedClassOnTheClassPathIsReadThroughGeneratedClasses() {
        Mapper<Customer> mapper = Registry.of(Customer.class).mapper(Customer.class);

        for (ColumnAttribute attribute : mapper.attributes()) {
            assertThat(attribute.access().getClass().isHidden()).as(attribute.toString()).isTrue();
        }
        Customer customer = new Customer("Ed", "UK");
        assertThat(mapper.attribute("name").get(customer)).isEqualTo("Ed");
        mapper.attribute("country").set(customer, "FR");
        assertThat(mapper.attribute("country").get(customer)).isEqualTo("FR");
    }
}
