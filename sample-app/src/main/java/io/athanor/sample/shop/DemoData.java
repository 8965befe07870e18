package io.athanor.sample.shop;

import io.athanor.orm.session.SessionFactory;
import io.athanor.sample.shop.model.Customer;
import io.athanor.sample.shop.model.OrderLine;
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
            LocalDateTime now = LocalDateTime.of(2026, 11, 1, 10, 0);
            Customer ed = new Customer("Ed Jones", "GB");
            ed.getOrders().add(new ShopOrder(now).add(new OrderLine("Teapot", 1, new BigDecimal("19.99"))));
            ed.getOrders().add(new ShopOrder(now.plusDays(1)).add(new OrderLine("Tea, 100 g", 2, new BigDecimal("2.50"))));
            Customer wendy = new Customer("Wendy Williams", "GB");
            wendy.getOrders().add(new ShopOrder(now.plusDays(2))
                    .add(new OrderLine("Kettle", 1, new BigDecimal("35.00")))
                    .add(new OrderLine("Mug", 3, new BigDecimal("2.50"))));
            Customer mary = new Customer("Mary Contrary", "FR");
            mary.getOrders().add(new ShopOrder(now.plusDays(3)).add(new OrderLine("Seeds", 1, new BigDecimal("7.25"))));
            Customer fred = new Customer("Fred Flintstone", "US");
            // One add per customer: orders and their lines go along (save-update cascade), parents first.
            session.addAll(List.of(ed, wendy, mary, fred));
        });
    }
}
