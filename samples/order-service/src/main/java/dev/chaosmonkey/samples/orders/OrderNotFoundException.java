package dev.chaosmonkey.samples.orders;

/** No order with that id. */
public class OrderNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** For {@code id}. */
    public OrderNotFoundException(long id) {
        super("no order " + id);
    }
}
