package io.athanor.sample.shop;

import io.athanor.sample.shop.api.NotFoundException;
import io.athanor.sample.shop.model.Customer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The shop's use cases; each method is one transaction and one Athanor session. */
@Service
@Transactional
public class CustomerService {

    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    @Transactional(readOnly = true)
    public List<Customer> list(String country, int page, int size, String sort, boolean descending) {
        return customers.page(country, page, size, sort, descending);
    }

    @Transactional(readOnly = true)
    public long count(String country) {
        return customers.count(country);
    }

    @Transactional(readOnly = true)
    public Customer get(long id) {
        Customer customer = customers.find(id);
        if (customer == null) {
            throw new NotFoundException("Customer " + id + " does not exist.");
        }
        return customer;
    }

    public Customer create(String name, String country) {
        return customers.add(new Customer(name, country));
    }

    public Customer rename(long id, String name) {
        Customer customer = get(id);
        customer.setName(name);
        return customer;
    }

    public void delete(long id) {
        customers.delete(get(id));
    }

    @Transactional(readOnly = true)
    public List<io.athanor.sample.shop.api.OrderView> ordersOf(long id) {
        return customers.ordersOf(get(id)).stream().map(io.athanor.sample.shop.api.OrderView::of).toList();
    }

    @Transactional(readOnly = true)
    public List<CustomerRepository.CountryReport> ordersPerCountry() {
        return customers.ordersPerCountry();
    }
}
