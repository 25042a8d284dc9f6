package dev.chaosmonkey.core;

import java.time.Duration;

/**
 * A distribution of delays beyond the fixed, range and jitter forms of {@link DelayFault}: the delay fault holds one
 * and draws from it per call. Implementations are immutable and draw with {@code ThreadLocalRandom} (no allocation).
 */
interface DelayShape {
    /** One drawn delay, in nanoseconds, within {@code [minimum, maximum]}. */
    long nextNanos();

    /** The smallest delay drawn. */
    Duration minimum();

    /** The largest delay drawn (a cap for unbounded distributions). */
    Duration maximum();

    /** The arguments in the spec format, without {@code delay(...)}: {@code p50=20ms, p99=800ms}. */
    String arguments();
}
