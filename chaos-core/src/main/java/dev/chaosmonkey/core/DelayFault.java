package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Durations;

/**
 * Delays the call, then lets it proceed. Three shapes: fixed ({@code delay(200ms)}), uniform range
 * ({@code delay(100ms..500ms)}) and jitter around a base ({@code delay(200ms, jitter=50ms)}).
 *
 * <p>The delay sleeps the calling thread; an interrupt ends it early and keeps the thread's interrupt flag set.
 */
public final class DelayFault extends Fault {
    private final Duration min;
    private final Duration max;
    private final Duration jitter;
    private final long minNanos;
    private final long spanNanos;

    private DelayFault(Duration min, Duration max, Duration jitter) {
        this.min = min;
        this.max = max;
        this.jitter = jitter;
        if (jitter != null) {
            this.minNanos = min.toNanos() - jitter.toNanos();
            this.spanNanos = 2 * jitter.toNanos();
        } else {
            this.minNanos = min.toNanos();
            this.spanNanos = max.toNanos() - min.toNanos();
        }
    }

    static DelayFault fixed(Duration delay) {
        requireNonNegative("delay", delay);
        return new DelayFault(delay, delay, null);
    }

    static DelayFault range(Duration min, Duration max) {
        requireNonNegative("delay range minimum", min);
        requireNonNegative("delay range maximum", max);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("delay range minimum " + Durations.format(min)
                    + " is greater than its maximum " + Durations.format(max));
        }
        return new DelayFault(min, max, null);
    }

    static DelayFault jitter(Duration base, Duration jitter) {
        requireNonNegative("delay", base);
        requireNonNegative("jitter", jitter);
        if (jitter.compareTo(base) > 0) {
            throw new IllegalArgumentException("jitter " + Durations.format(jitter) + " is larger than the base delay "
                    + Durations.format(base) + " (delays cannot be negative)");
        }
        return new DelayFault(base, base, jitter);
    }

    private static void requireNonNegative(String what, Duration d) {
        if (d == null) {
            throw new IllegalArgumentException(what + " must be given");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    /** The smallest delay this fault produces. */
    public Duration minimum() {
        return jitter == null ? min : min.minus(jitter);
    }

    /** The largest delay this fault produces. */
    public Duration maximum() {
        return jitter == null ? max : min.plus(jitter);
    }

    /** A delay drawn for one call, in nanoseconds. */
    public long nextDelayNanos() {
        if (spanNanos <= 0) {
            return minNanos;
        }
        return minNanos + ThreadLocalRandom.current().nextLong(spanNanos + 1);
    }

    @Override
    public String kind() {
        return "delay";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point == InjectionPoint.RESOURCE) {
            throw new IllegalArgumentException("delay faults need a call to slow down; the resource point has none");
        }
    }

    @Override
    public String toSpec() {
        if (jitter != null) {
            return "delay(" + Durations.format(min) + ", jitter=" + Durations.format(jitter) + ")";
        }
        if (min.equals(max)) {
            return "delay(" + Durations.format(min) + ")";
        }
        return "delay(" + Durations.format(min) + ".." + Durations.format(max) + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DelayFault)) {
            return false;
        }
        DelayFault d = (DelayFault) o;
        return min.equals(d.min) && max.equals(d.max) && java.util.Objects.equals(jitter, d.jitter);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(min, max, jitter);
    }
}
