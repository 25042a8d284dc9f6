package dev.chaosmonkey.junit.internal;

/** Receives timeline events of a running experiment, stamped with the experiment's clock. */
public interface TimelineSink {

    /** Milliseconds since the experiment started. */
    long nowMillis();

    /** Records an event now. */
    void event(String source, String description);
}
