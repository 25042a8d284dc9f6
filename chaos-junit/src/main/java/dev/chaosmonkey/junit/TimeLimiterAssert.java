package dev.chaosmonkey.junit;

import io.github.resilience4j.timelimiter.TimeLimiter;

/** Assertions on a time limiter observed by a running experiment. */
public final class TimeLimiterAssert extends ObservedComponentAssert<TimeLimiterAssert, TimeLimiter> {

    TimeLimiterAssert(TimeLimiter actual) {
        super(actual, TimeLimiterAssert.class, "time limiter");
    }

    @Override
    protected String describe() {
        return "'" + actual.getName() + "'";
    }

    /** Asserts that at least {@code min} calls timed out. */
    public TimeLimiterAssert timedOutAtLeast(long min) {
        return counterAtLeast("timeouts", "timeouts", min);
    }

    /** Asserts that no call timed out. */
    public TimeLimiterAssert neverTimedOut() {
        return counterZero("timeouts", "timeouts");
    }
}
