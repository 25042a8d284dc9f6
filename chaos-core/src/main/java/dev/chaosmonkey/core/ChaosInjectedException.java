package dev.chaosmonkey.core;

/**
 * The exception thrown by an exception fault at a point whose default exception is not available
 * ({@code method}, {@code custom}, or a protocol exception class that is not on the class path).
 */
public class ChaosInjectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public ChaosInjectedException(String message) {
        super(message);
    }
}
