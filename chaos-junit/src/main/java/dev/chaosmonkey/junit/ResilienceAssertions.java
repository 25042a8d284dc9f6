package dev.chaosmonkey.junit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;

/**
 * AssertJ-style assertions on what a running {@link ChaosExperiment} observed of Resilience4j components, through
 * their event publishers. The components must be observed: fields of the test class (components or registries) are,
 * others can be added with {@link ChaosControl#observe(Object)}.
 *
 * <pre>{@code
 * assertThatCircuitBreaker(breaker).transitioned(CLOSED, OPEN, HALF_OPEN, CLOSED).hasNotPermittedCalls();
 * assertThatRetry(retry).retriedAtLeast(2);
 * }</pre>
 *
 * Needs AssertJ and the matching Resilience4j module on the test class path; each assertion class only loads its own
 * module.
 */
public final class ResilienceAssertions {
    private ResilienceAssertions() {
    }

    /** Assertions on a circuit breaker. */
    public static CircuitBreakerAssert assertThatCircuitBreaker(CircuitBreaker actual) {
        return new CircuitBreakerAssert(actual);
    }

    /** Assertions on a retry. */
    public static RetryAssert assertThatRetry(Retry actual) {
        return new RetryAssert(actual);
    }

    /** Assertions on a (semaphore) bulkhead. */
    public static BulkheadAssert assertThatBulkhead(Bulkhead actual) {
        return new BulkheadAssert(actual);
    }

    /** Assertions on a time limiter. */
    public static TimeLimiterAssert assertThatTimeLimiter(TimeLimiter actual) {
        return new TimeLimiterAssert(actual);
    }
}
