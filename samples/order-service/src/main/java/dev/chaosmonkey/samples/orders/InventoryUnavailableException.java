package dev.chaosmonkey.samples.orders;

/** The inventory service failed and the fallback had no cached stock for the SKU. */
public class InventoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** For {@code sku}, caused by the last failure. */
    public InventoryUnavailableException(String sku, Throwable cause) {
        super("inventory unavailable for " + sku + " and no cached stock: " + cause, cause);
    }
}
