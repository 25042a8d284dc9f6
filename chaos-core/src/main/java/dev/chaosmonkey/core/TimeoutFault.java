package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.Objects;

import dev.chaosmonkey.core.internal.Durations;

/**
 * Hangs the call for a bound (or until the thread is interrupted), then throws a timeout exception: by default
 * {@code java.sql.SQLTimeoutException} for {@code jdbc}, {@code java.net.SocketTimeoutException} for {@code http}
 * (the agent uses {@code java.net.http.HttpTimeoutException} for the JDK {@code HttpClient}),
 * {@code org.apache.kafka.common.errors.TimeoutException} for {@code kafka}, otherwise {@link ChaosTimeoutException}.
 */
public final class TimeoutFault extends Fault {
    private final Duration bound;
    private final String exceptionClass;
    private final long boundNanos;

    TimeoutFault(Duration bound, String exceptionClass) {
        if (bound == null || bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("timeout bound must be positive, was " + bound);
        }
        if (!Durations.fitsNanos(bound)) {
            throw new IllegalArgumentException("timeout bound is too long: " + bound + " (durations are at most "
                    + Durations.format(Durations.LONGEST) + ")");
        }
        if (exceptionClass != null && exceptionClass.isBlank()) {
            throw new IllegalArgumentException("timeout exception class name must not be blank");
        }
        this.bound = bound;
        this.exceptionClass = exceptionClass;
        this.boundNanos = bound.toNanos();
    }

    /** Parses {@code timeout(5s)} and {@code timeout(5s, class)}. */
    static TimeoutFault parse(FaultArgs args) {
        if (args.isEmpty() || args.size() > 2) {
            throw args.error(args.nameAt, "timeout takes a bound and optionally an exception class,"
                    + " e.g. timeout(5s) or timeout(5s, java.net.SocketTimeoutException)");
        }
        Duration bound = args.duration(args.get(0), "timeout");
        if (bound.isZero()) {
            throw args.error(args.get(0).at, "timeout bound must be positive");
        }
        String cls = args.size() == 2 ? args.className(args.get(1)) : null;
        return new TimeoutFault(bound, cls);
    }

    /** How long the call hangs before the timeout exception is thrown. */
    public Duration bound() {
        return bound;
    }

    /** The exception class name, or {@code null} for the point's default. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /**
     * The default timeout exception class for a point.
     *
     * @deprecated the defaults live on the point: use {@link InjectionPoint#defaultTimeoutClass()}
     */
    @Deprecated
    public static String defaultClassFor(InjectionPoint point) {
        return point.defaultTimeoutClass();
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        // a hang the kill switch ends is no timeout: the call then proceeds as if nothing had been injected
        return rule.pause(boundNanos) ? newThrowable(rule, loader, defaultClassName) : null;
    }

    @Override
    Throwable newThrowable(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        String name = exceptionClass != null ? exceptionClass
                : defaultClassName != null ? defaultClassName : rule.point().defaultTimeoutClass();
        return rule.instantiate(name, "chaos: timeout after " + Durations.format(bound) + " injected by rule "
                + rule.id, loader);
    }

    @Override
    public Duration longestPause() {
        return bound;
    }

    @Override
    public long nextPauseNanos() {
        return boundNanos;
    }

    @Override
    public String explicitExceptionClass() {
        return exceptionClass;
    }

    @Override
    public boolean failsCall() {
        return true;
    }

    @Override
    public boolean throwsTimeout() {
        return true;
    }

    @Override
    public String kind() {
        return "timeout";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point == InjectionPoint.RESOURCE) {
            throw new IllegalArgumentException("timeout faults need a call to hang; the resource point has none");
        }
    }

    @Override
    public String toSpec() {
        return "timeout(" + Durations.format(bound) + (exceptionClass == null ? "" : ", " + exceptionClass) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeoutFault && bound.equals(((TimeoutFault) o).bound)
                && Objects.equals(exceptionClass, ((TimeoutFault) o).exceptionClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bound, exceptionClass);
    }
}
