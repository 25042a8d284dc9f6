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

    TimeoutFault(Duration bound, String exceptionClass) {
        if (bound == null || bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("timeout bound must be positive, was " + bound);
        }
        if (exceptionClass != null && exceptionClass.isBlank()) {
            throw new IllegalArgumentException("timeout exception class name must not be blank");
        }
        this.bound = bound;
        this.exceptionClass = exceptionClass;
    }

    /** How long the call hangs before the timeout exception is thrown. */
    public Duration bound() {
        return bound;
    }

    /** The exception class name, or {@code null} for the point's default. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** The default timeout exception class for a point. */
    public static String defaultClassFor(InjectionPoint point) {
        switch (point) {
            case JDBC:
                return "java.sql.SQLTimeoutException";
            case HTTP:
                return "java.net.SocketTimeoutException";
            case KAFKA:
                return "org.apache.kafka.common.errors.TimeoutException";
            default:
                return ChaosTimeoutException.class.getName();
        }
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
