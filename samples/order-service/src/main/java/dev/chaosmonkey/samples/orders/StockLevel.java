package dev.chaosmonkey.samples.orders;

/** What the inventory service reports for a SKU. */
public record StockLevel(String sku, int available) {
}
