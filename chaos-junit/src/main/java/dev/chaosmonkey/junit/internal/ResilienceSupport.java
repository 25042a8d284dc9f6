package dev.chaosmonkey.junit.internal;

import java.util.List;

/**
 * Observes Resilience4j components when (and only when) the matching Resilience4j module is on the class path. Each
 * module is checked on its own, so that users with only {@code resilience4j-circuitbreaker} work; classes referencing
 * Resilience4j types are only loaded after their module was found.
 */
public final class ResilienceSupport {
    private static final boolean CIRCUIT_BREAKER = present("io.github.resilience4j.circuitbreaker.CircuitBreaker");
    private static final boolean RETRY = present("io.github.resilience4j.retry.Retry");
    private static final boolean BULKHEAD = present("io.github.resilience4j.bulkhead.Bulkhead");
    private static final boolean TIME_LIMITER = present("io.github.resilience4j.timelimiter.TimeLimiter");

    private ResilienceSupport() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ResilienceSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether any Resilience4j module is present. */
    public static boolean anyPresent() {
        return CIRCUIT_BREAKER || RETRY || BULKHEAD || TIME_LIMITER;
    }

    /**
     * Starts observing {@code candidate} if it is a Resilience4j component or registry; returns the new recordings
     * (a registry gives one per component), empty for anything else.
     */
    public static List<ComponentRecording> observe(Object candidate, TimelineSink sink) {
        if (candidate == null) {
            return List.of();
        }
        String name = candidate.getClass().getName();
        if (!name.startsWith("io.github.resilience4j.")) {
            return List.of();
        }
        if (CIRCUIT_BREAKER && name.startsWith("io.github.resilience4j.circuitbreaker.")) {
            return dev.chaosmonkey.junit.internal.resilience4j.CircuitBreakerObserver.observe(candidate, sink);
        }
        if (RETRY && name.startsWith("io.github.resilience4j.retry.")) {
            return dev.chaosmonkey.junit.internal.resilience4j.RetryObserver.observe(candidate, sink);
        }
        if (BULKHEAD && name.startsWith("io.github.resilience4j.bulkhead.")) {
            return dev.chaosmonkey.junit.internal.resilience4j.BulkheadObserver.observe(candidate, sink);
        }
        if (TIME_LIMITER && name.startsWith("io.github.resilience4j.timelimiter.")) {
            return dev.chaosmonkey.junit.internal.resilience4j.TimeLimiterObserver.observe(candidate, sink);
        }
        return List.of();
    }
}
