package dev.chaosmonkey.samples.orders;

import java.time.Clock;
import java.time.Instant;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: checks the stock (outside any transaction, so no pooled connection waits on the network), then
 * stores the order and its event in one transaction (the transactional outbox).
 */
public class OrderService {
    private final InventoryService inventory;
    private final PurchaseOrderRepository orders;
    private final OutboxEventRepository outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** The service over its collaborators. */
    public OrderService(InventoryService inventory, PurchaseOrderRepository orders, OutboxEventRepository outbox,
            TransactionTemplate transactions, Clock clock) {
        this.inventory = inventory;
        this.orders = orders;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Places an order for {@code quantity} of {@code sku}. */
    public PurchaseOrder place(String sku, int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
        StockAnswer stock = inventory.stock(sku);
        if (stock.available() < quantity) {
            throw new OutOfStockException(sku, quantity, stock.available());
        }
        Instant now = Instant.now(clock);
        return transactions.execute(status -> {
            PurchaseOrder order = orders.save(new PurchaseOrder(sku, quantity, stock.source(), now));
            outbox.save(new OutboxEvent(String.valueOf(order.getId()), eventPayload(order), now));
            return order;
        });
    }

    /** The order with {@code id}. */
    public PurchaseOrder find(long id) {
        return orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    private static String eventPayload(PurchaseOrder order) {
        return "{\"type\":\"order-placed\",\"orderId\":" + order.getId() + ",\"sku\":\"" + order.getSku()
                + "\",\"quantity\":" + order.getQuantity() + ",\"createdAt\":\"" + order.getCreatedAt() + "\"}";
    }
}
