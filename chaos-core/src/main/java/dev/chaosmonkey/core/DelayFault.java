package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Durations;

/**
 * Delays the call, then lets it proceed. Shapes: fixed ({@code delay(200ms)}), uniform range
 * ({@code delay(100ms..500ms)}), jitter around a base ({@code delay(200ms, jitter=50ms)}), log-normal given by two
 * percentiles ({@code delay(p50=20ms, p99=800ms)}, {@link LogNormalDelay}) and a mix of a fast and a slow delay
 * ({@code delay(10ms|500ms, p=0.1)}, {@link BimodalDelay}).
 *
 * <p>The delay sleeps the calling thread; an interrupt ends it early and keeps the thread's interrupt flag set.
 */
public final class DelayFault extends Fault {
    private final Duration min;
    private final Duration max;
    private final Duration jitter;
    private final long minNanos;
    private final long spanNanos;
    /** A distribution drawn from instead of min/max/jitter, or {@code null}. */
    private final DelayShape shape;

    private DelayFault(DelayShape shape) {
        this.min = shape.minimum();
        this.max = shape.maximum();
        this.jitter = null;
        this.minNanos = 0;
        this.spanNanos = 0;
        this.shape = shape;
    }

    private DelayFault(Duration min, Duration max, Duration jitter) {
        this.shape = null;
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

    /** Parses {@code delay(200ms)}, {@code delay(100ms..500ms)} and {@code delay(200ms, jitter=50ms)}. */
    static DelayFault parse(FaultArgs args) {
        if (args.isEmpty()) {
            throw args.error(args.nameAt, "delay needs a duration, e.g. delay(200ms), delay(100ms..500ms)"
                    + " or delay(200ms, jitter=50ms)");
        }
        if (LogNormalDelay.accepts(args)) {
            return new DelayFault(LogNormalDelay.parse(args));
        }
        if (BimodalDelay.accepts(args)) {
            return new DelayFault(BimodalDelay.parse(args));
        }
        FaultArgs.Arg first = args.get(0);
        if (first.key != null) {
            throw args.error(first.at, "delay's first argument is the delay, e.g. delay(200ms), or percentiles,"
                    + " e.g. delay(p50=20ms, p99=800ms)");
        }
        if (args.size() > 2) {
            throw args.error(args.get(2).at, "delay takes at most two arguments");
        }
        if (args.size() == 2) {
            FaultArgs.Arg second = args.get(1);
            if (!"jitter".equals(second.key)) {
                throw args.error(second.at, "delay's second argument must be jitter=<duration>");
            }
            return jitter(args.duration(first, "delay"), args.duration(second, "jitter"));
        }
        int range = first.value.indexOf("..");
        if (range >= 0) {
            Duration min = args.duration(first.value.substring(0, range), first.at, "delay range minimum");
            Duration max = args.duration(first.value.substring(range + 2), first.at + range + 2,
                    "delay range maximum");
            return range(min, max);
        }
        return fixed(args.duration(first, "delay"));
    }

    private static void requireNonNegative(String what, Duration d) {
        if (d == null) {
            throw new IllegalArgumentException(what + " must be given");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        if (!Durations.fitsNanos(d)) {
            throw new IllegalArgumentException(what + " is too long: " + d + " (durations are at most "
                    + Durations.format(Durations.LONGEST) + ")");
        }
    }

    /** The smallest delay this fault produces. */
    public Duration minimum() {
        if (shape != null) {
            return shape.minimum();
        }
        return jitter == null ? min : min.minus(jitter);
    }

    /** The largest delay this fault produces. */
    public Duration maximum() {
        if (shape != null) {
            return shape.maximum();
        }
        return jitter == null ? max : min.plus(jitter);
    }

    /** A delay drawn for one call, in nanoseconds. */
    public long nextDelayNanos() {
        if (shape != null) {
            return shape.nextNanos();
        }
        if (spanNanos <= 0) {
            return minNanos;
        }
        return minNanos + ThreadLocalRandom.current().nextLong(spanNanos + 1);
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        rule.pause(nextDelayNanos());
        return null;
    }

    @Override
    public Duration longestPause() {
        return maximum();
    }

    @Override
    public long nextPauseNanos() {
        return nextDelayNanos();
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
        if (shape != null) {
            return "delay(" + shape.arguments() + ")";
        }
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
        if (shape != null || d.shape != null) {
            return java.util.Objects.equals(shape, d.shape);
        }
        return min.equals(d.min) && max.equals(d.max) && java.util.Objects.equals(jitter, d.jitter);
    }

    @Override
    public int hashCode() {
        return shape != null ? shape.hashCode() : java.util.Objects.hash(min, max, jitter);
    }
}
