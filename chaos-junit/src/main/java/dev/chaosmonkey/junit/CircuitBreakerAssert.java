package dev.chaosmonkey.junit;

import java.util.Arrays;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Assertions on a circuit breaker observed by a running experiment. */
public final class CircuitBreakerAssert extends ObservedComponentAssert<CircuitBreakerAssert, CircuitBreaker> {

    CircuitBreakerAssert(CircuitBreaker actual) {
        super(actual, CircuitBreakerAssert.class, "circuit breaker");
    }

    @Override
    protected String describe() {
        return "'" + actual.getName() + "'";
    }

    /**
     * Asserts the exact state path since observation started: the initial state followed by every transition's
     * target, e.g. {@code transitioned(CLOSED, OPEN, HALF_OPEN, CLOSED)}.
     */
    public CircuitBreakerAssert transitioned(CircuitBreaker.State... states) {
        List<String> expected = Arrays.stream(states).map(Enum::name).toList();
        List<String> observed = recording().states();
        if (!observed.equals(expected)) {
            failWithMessage("expected circuit breaker %s to go through %s but it went through %s", describe(),
                    String.join(" -> ", expected), String.join(" -> ", observed));
        }
        return this;
    }

    /** Asserts that the state path contains {@code states} in this order (other states may lie between). */
    public CircuitBreakerAssert passedThrough(CircuitBreaker.State... states) {
        List<String> observed = recording().states();
        int i = 0;
        for (String s : observed) {
            if (i < states.length && s.equals(states[i].name())) {
                i++;
            }
        }
        if (i < states.length) {
            failWithMessage("expected circuit breaker %s to pass through %s in this order, but it went through %s",
                    describe(), Arrays.toString(states), String.join(" -> ", observed));
        }
        return this;
    }

    /** Asserts the breaker's current state. */
    public CircuitBreakerAssert isInState(CircuitBreaker.State state) {
        isNotNull();
        if (actual.getState() != state) {
            failWithMessage("expected circuit breaker %s to be %s but it is %s", describe(), state,
                    actual.getState());
        }
        return this;
    }

    /** Asserts that the open breaker rejected at least one call. */
    public CircuitBreakerAssert hasNotPermittedCalls() {
        return counterAtLeast("notPermittedCalls", "not permitted calls", 1);
    }

    /** Asserts that the open breaker rejected at least {@code min} calls. */
    public CircuitBreakerAssert hasNotPermittedCallsAtLeast(long min) {
        return counterAtLeast("notPermittedCalls", "not permitted calls", min);
    }

    /** Asserts that at least {@code min} calls failed through the breaker. */
    public CircuitBreakerAssert hasFailedCallsAtLeast(long min) {
        return counterAtLeast("failedCalls", "failed calls", min);
    }

    /** Asserts that the breaker never changed state. */
    public CircuitBreakerAssert neverTransitioned() {
        return counterZero("transitions", "state transitions");
    }
}
