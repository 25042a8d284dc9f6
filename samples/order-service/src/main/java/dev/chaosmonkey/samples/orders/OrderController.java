package dev.chaosmonkey.samples.orders;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API: {@code POST /orders}, {@code GET /orders/{id}}, {@code GET /stock/{sku}} and {@code GET /outbox}.
 */
@RestController
public class OrderController {
    private final OrderService orders;
    private final InventoryService inventory;
    private final OutboxEventRepository outbox;
    private final OutboxRelay relay;

    /** The controller over the services. */
    public OrderController(OrderService orders, InventoryService inventory, OutboxEventRepository outbox,
            OutboxRelay relay) {
        this.orders = orders;
        this.inventory = inventory;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** A new order. */
    public record OrderRequest(String sku, int quantity) {
    }

    /** An order as the API shows it. */
    public record OrderView(long id, String sku, int quantity, String stockSource, String createdAt) {
        static OrderView of(PurchaseOrder o) {
            return new OrderView(o.getId(), o.getSku(), o.getQuantity(), o.getStockSource(),
                    o.getCreatedAt().toString());
        }
    }

    /** The outbox's state: {@code delivering} is false while the relay cannot publish (events then wait). */
    public record OutboxView(long pending, long published, boolean delivering) {
    }

    /** Places an order: 201, 404 unknown SKU, 409 out of stock, 503 when a dependency fails without fallback. */
    @PostMapping("/orders")
    public ResponseEntity<OrderView> place(@RequestBody OrderRequest request) {
        PurchaseOrder order = orders.place(request.sku(), request.quantity());
        return ResponseEntity.created(URI.create("/orders/" + order.getId())).body(OrderView.of(order));
    }

    /** One order. */
    @GetMapping("/orders/{id}")
    public OrderView order(@PathVariable long id) {
        return OrderView.of(orders.find(id));
    }

    /** The stock of a SKU, live or cached. */
    @GetMapping("/stock/{sku}")
    public StockAnswer stock(@PathVariable String sku) {
        return inventory.stock(sku);
    }

    /** Events waiting for and delivered to the broker. */
    @GetMapping("/outbox")
    public OutboxView outbox() {
        return new OutboxView(outbox.countByPublishedAtIsNull(), outbox.countByPublishedAtIsNotNull(),
                !relay.isFailing());
    }
}
