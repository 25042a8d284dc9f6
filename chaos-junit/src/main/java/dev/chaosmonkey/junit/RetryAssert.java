package dev.chaosmonkey.junit;

import io.github.resilience4j.retry.Retry;

/** Assertions on a retry observed by a running experiment. */
public final class RetryAssert extends ObservedComponentAssert<RetryAssert, Retry> {

    RetryAssert(Retry actual) {
        super(actual, RetryAssert.class, "retry");
    }

    @Override
    protected String describe() {
        return "'" + actual.getName() + "'";
    }

    /** Asserts at least {@code min} retry attempts (each re-execution after a failure counts once). */
    public RetryAssert retriedAtLeast(long min) {
        return counterAtLeast("retries", "retry attempts", min);
    }

    /** Asserts that at least {@code min} calls failed after using up all their attempts. */
    public RetryAssert exhaustedAtLeast(long min) {
        return counterAtLeast("exhausted", "calls with exhausted retries", min);
    }

    /** Asserts that at least {@code min} calls succeeded after one or more retries. */
    public RetryAssert succeededAfterRetryAtLeast(long min) {
        return counterAtLeast("succeededAfterRetry", "calls that succeeded after retrying", min);
    }

    /** Asserts that no call was retried. */
    public RetryAssert neverRetried() {
        return counterZero("retries", "retry attempts");
    }
}
