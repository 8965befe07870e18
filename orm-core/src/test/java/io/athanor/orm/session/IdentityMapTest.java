package io.athanor.orm.session;

import io.athanor.orm.mapping.Mapper;
import io.athanor.orm.mapping.Registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's identity map: one state per (class, key), found again by class and key. It remembers the
 * class it was last asked about, so the specifications here alternate classes whose keys are equal.
 */
class IdentityMapTest {

    private final Registry registry = Registry.of(Customer.class, Invoice.class);
    private final Mapper<Customer> customers = registry.mapper(Customer.class);
    private final Mapper<Invoice> invoices = registry.mapper(Invoice.class);

    private static InstanceState state(Mapper<?> mapper, Object object, Object key) {
        InstanceState state = new InstanceState(object, mapper);
        state.key = key;
        return state;
    }

    @Test
    void equalKeysOfTwoClassesPutAlternatelyAreTwoEntries() {
        IdentityMap map = new IdentityMap();
        InstanceState customer = state(customers, new Customer("Ed", "UK"), 1L);
        InstanceState invoice = state(invoices, new Invoice(1L, java.math.BigDecimal.ONE), 1L);

        map.put(customer);
        map.put(invoice);

        assertThat(map.get(customers, 1L)).isSameAs(customer);
        assertThat(map.get(invoices, 1L)).isSameAs(invoice);
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.count(customers)).isEqualTo(1);
        assertThat(map.count(invoices)).isEqualTo(1);
    }

    @Test
    void aClassNeverPutFindsNothingEvenRightAfterAnotherClassWasPut() {
        IdentityMap map = new IdentityMap();
        map.put(state(customers, new Customer("Ed", "UK"), 1L));

        assertThat(map.get(invoices, 1L)).isNull();
        assertThat(map.count(invoices)).isZero();
    }

    @Test
    void clearForgetsEveryClassIncludingTheOneLastAskedAbout() {
        IdentityMap map = new IdentityMap();
        map.put(state(customers, new Customer("Ed", "UK"), 1L));
        map.clear();

        assertThat(map.get(customers, 1L)).isNull();
        assertThat(map.size()).isZero();

        InstanceState again = state(customers, new Customer("Ann", "FR"), 1L);
        map.put(again);
        assertThat(map.get(customers, 1L)).isSameAs(again);
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void allMatchStopsAtTheFirstStateThatFails() {
        IdentityMap map = new IdentityMap();
        for (long key = 1; key <= 5; key++) {
            map.put(state(customers, new Customer("C" + key, "UK"), key));
        }
        int[] asked = new int[1];

        boolean all = map.allMatch(state -> {
            asked[0]++;
            return false;
        });

        assertThat(all).isFalse();
        assertThat(asked[0]).isEqualTo(1);
        assertThat(map.allMatch(state -> state.mapper == customers)).isTrue();
    }
}
