package io.athanor.sample.shop.api;

import io.athanor.sample.shop.CustomerRepository;
import io.athanor.sample.shop.CustomerService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Aggregate reports. */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

    private final CustomerService customers;

    public ReportController(CustomerService customers) {
        this.customers = customers;
    }

    @GetMapping("/orders-per-country")
    public List<CustomerRepository.CountryReport> ordersPerCountry() {
        return customers.ordersPerCountry();
    }
}
