package dev.chaosmonkey.junit.service;

/**
 * The answer of {@link InventoryService#stock(String)}.
 *
 * @param sku the product
 * @param quantity units in stock
 * @param fromFallback whether the cached value answered because the inventory service failed
 */
public record StockAnswer(String sku, int quantity, boolean fromFallback) {
}
