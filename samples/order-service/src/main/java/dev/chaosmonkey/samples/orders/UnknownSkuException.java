package dev.chaosmonkey.samples.orders;

/** The inventory service does not know the SKU: a client error, never counted against the breaker. */
public class UnknownSkuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** For {@code sku}. */
    public UnknownSkuException(String sku) {
        super("unknown sku: " + sku);
    }
}
