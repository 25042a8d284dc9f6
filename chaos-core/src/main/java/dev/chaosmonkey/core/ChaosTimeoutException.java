package dev.chaosmonkey.core;

/** Thrown by a timeout fault at {@code method} and {@code custom} points. */
public class ChaosTimeoutException extends ChaosInjectedException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public ChaosTimeoutException(String message) {
        super(message);
    }
}
