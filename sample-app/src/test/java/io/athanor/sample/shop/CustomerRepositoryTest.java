package io.athanor.sample.shop;

import io.athanor.sample.shop.model.Customer;
import io.athanor.orm.spring.test.OrmTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repository on its own, in the @OrmTest slice (an embedded database, each test rolled back). */
@OrmTest(properties = "athanor.naming-strategy=snake-case")
@Import(CustomerRepository.class)
class CustomerRepositoryTest {

    @Autowired
    CustomerRepository repository;

    @Test
    void pagesAreSortedAndFiltered() {
        repository.add(new Customer("Zed", "GB"));
        repository.add(new Customer("Amy", "GB"));
        repository.add(new Customer("Bob", "FR"));

        assertThat(repository.page("GB", 0, 10, "name", false)).extracting(Customer::getName).containsExactly("Amy", "Zed");
        assertThat(repository.page(null, 1, 2, "name", true)).extracting(Customer::getName).containsExactly("Amy");
        assertThat(repository.count("GB")).isEqualTo(2);
    }

    @Test
    void aDuplicateNameIsTranslatedForSpring() {
        repository.add(new Customer("Amy", "GB"));

        assertThatThrownBy(() -> repository.add(new Customer("Amy", "FR"))).isInstanceOf(DuplicateKeyException.class);
    }
}
