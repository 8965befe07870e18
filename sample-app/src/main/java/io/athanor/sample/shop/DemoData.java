package io.athanor.sample.shop;

import io.athanor.orm.session.SessionFactory;
import io.athanor.sample.shop.model.Customer;
import io.athanor.sample.shop.model.ShopOrder;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import static io.athanor.orm.sql.Sql.func;
import static io.athanor.orm.sql.Sql.select;

/** Puts a few customers and orders into an empty database at startup ({@code shop.demo-data=false} turns it off). */
@Component
@ConditionalOnProperty(prefix = "shop", name = "demo-data", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private final SessionFactory sessions;

    DemoData(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void run(ApplicationArguments args) {
        sessions.useTransaction(session -> {
            long existing = session.execute(select(func.count()).from(Customer.class)).scalar(Long.class);
            if (existing > 0) {
                return;
            }
            Customer ed = new Customer("Ed Jones", "GB");
            Customer wendy = new Customer("Wendy Williams", "GB");
            Customer mary = new Customer("Mary Contrary", "FR");
            Customer fred = new Customer("Fred Flintstone", "US");
            session.addAll(List.of(ed, wendy, mary, fred));
            session.flush();
            LocalDateTime now = LocalDateTime.of(2026, 11, 1, 10, 0);
            session.addAll(List.of(new ShopOrder(ed.getId(), new BigDecimal("19.99"), now),
                    new ShopOrder(ed.getId(), new BigDecimal("5.00"), now.plusDays(1)),
                    new ShopOrder(wendy.getId(), new BigDecimal("42.50"), now.plusDays(2)),
                    new ShopOrder(mary.getId(), new BigDecimal("7.25"), now.plusDays(3))));
        });
    }
}
