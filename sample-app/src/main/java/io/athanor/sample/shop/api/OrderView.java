package io.athanor.sample.shop.api;

import io.athanor.sample.shop.model.OrderLine;
import io.athanor.sample.shop.model.ShopOrder;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** An order with its lines, as the API shows it. */
public record OrderView(long id, LocalDateTime placedAt, BigDecimal amount, List<Line> lines) {

    /** One line of an order. */
    public record Line(String product, int quantity, BigDecimal unitPrice) {

        static Line of(OrderLine line) {
            return new Line(line.getProduct(), line.getQuantity(), line.getUnitPrice());
        }
    }

    public static OrderView of(ShopOrder order) {
        return new OrderView(order.getId(), order.getPlacedAt(), order.getAmount(),
                order.getLines().stream().map(Line::of).toList());
    }
}
