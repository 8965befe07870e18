package io.athanor.sample.shop.api;

import io.athanor.sample.shop.model.Customer;

/** A customer as the API shows it. */
public record CustomerView(long id, String name, String country) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.getId(), customer.getName(), customer.getCountry());
    }
}
