package io.athanor.sample.shop.api;

import io.athanor.sample.shop.CustomerService;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The customers API: list (filter, page, sort), get, create, rename, delete. */
@RestController
@RequestMapping("/api/customers")
@Validated
public class CustomerController {

    private final CustomerService customers;

    public CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @GetMapping
    public PageView<CustomerView> list(
            @RequestParam(required = false) @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code") String country,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(defaultValue = "id") @Pattern(regexp = "-?(id|name|country)",
                    message = "must be id, name or country, optionally preceded by '-' for descending order") String sort) {
        boolean descending = sort.startsWith("-");
        String attribute = descending ? sort.substring(1) : sort;
        return new PageView<>(customers.list(country, page, size, attribute, descending).stream().map(CustomerView::of)
                .toList(), page, size, customers.count(country));
    }

    @GetMapping("/{id}")
    public CustomerView get(@PathVariable long id) {
        return CustomerView.of(customers.get(id));
    }

    @GetMapping("/{id}/orders")
    public java.util.List<OrderView> orders(@PathVariable long id) {
        return customers.ordersOf(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CustomerView create(@Valid @RequestBody CustomerRequest request) {
        return CustomerView.of(customers.create(request.name(), request.country()));
    }

    @PutMapping("/{id}/name")
    public CustomerView rename(@PathVariable long id, @Valid @RequestBody RenameRequest request) {
        return CustomerView.of(customers.rename(id, request.name()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long id) {
        customers.delete(id);
    }
}
