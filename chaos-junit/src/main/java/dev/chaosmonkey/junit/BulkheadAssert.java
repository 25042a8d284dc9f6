package dev.chaosmonkey.junit;

import io.github.resilience4j.bulkhead.Bulkhead;

/** Assertions on a bulkhead observed by a running experiment. */
public final class BulkheadAssert extends ObservedComponentAssert<BulkheadAssert, Bulkhead> {

    BulkheadAssert(Bulkhead actual) {
        super(actual, BulkheadAssert.class, "bulkhead");
    }

    @Override
    protected String describe() {
        return "'" + actual.getName() + "'";
    }

    /** Asserts that the bulkhead rejected at least {@code min} calls. */
    public BulkheadAssert rejectedAtLeast(long min) {
        return counterAtLeast("rejectedCalls", "rejected calls", min);
    }

    /** Asserts that the bulkhead rejected no call. */
    public BulkheadAssert neverRejected() {
        return counterZero("rejectedCalls", "rejected calls");
    }
}
