package dev.chaosmonkey.samples.orders;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order as stored in the {@code purchase_orders} table. */
@Entity
@Table(name = "purchase_orders")
public class PurchaseOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String sku;
    @Column(nullable = false)
    private int quantity;
    @Column(nullable = false)
    private String stockSource;
    @Column(nullable = false)
    private Instant createdAt;

    protected PurchaseOrder() {
    }

    PurchaseOrder(String sku, int quantity, String stockSource, Instant createdAt) {
        this.sku = sku;
        this.quantity = quantity;
        this.stockSource = stockSource;
        this.createdAt = createdAt;
    }

    /** The generated id. */
    public Long getId() {
        return id;
    }

    /** The ordered SKU. */
    public String getSku() {
        return sku;
    }

    /** The ordered quantity. */
    public int getQuantity() {
        return quantity;
    }

    /** Where the stock check was answered from: {@code live} or {@code cache}. */
    public String getStockSource() {
        return stockSource;
    }

    /** When the order was placed. */
    public Instant getCreatedAt() {
        return createdAt;
    }
}
