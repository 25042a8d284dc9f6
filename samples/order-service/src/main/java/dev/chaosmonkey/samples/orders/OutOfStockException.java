package dev.chaosmonkey.samples.orders;

/** Not enough stock for the order. */
public class OutOfStockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** For {@code sku}. */
    public OutOfStockException(String sku, int wanted, int available) {
        super("out of stock: " + sku + " (wanted " + wanted + ", available " + available + ")");
    }
}
