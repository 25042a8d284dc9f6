package dev.chaosmonkey.junit;

import java.time.Duration;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an experiment's measurements; obtain with {@code assertThat(chaos.result())} style through
 * {@link #assertThatExperiment(ExperimentResult)}. Needs only AssertJ, not Resilience4j.
 */
public final class ExperimentResultAssert extends AbstractAssert<ExperimentResultAssert, ExperimentResult> {

    private ExperimentResultAssert(ExperimentResult actual) {
        super(actual, ExperimentResultAssert.class);
    }

    /** Entry point. */
    public static ExperimentResultAssert assertThatExperiment(ExperimentResult actual) {
        return new ExperimentResultAssert(actual);
    }

    /** Asserts that a fallback answered (DEGRADED probe samples) during the fault window or recovery. */
    public ExperimentResultAssert servedFallback() {
        isNotNull();
        if (actual.fallbackAnswers() == 0) {
            failWithMessage("expected a fallback to answer during the fault, but no probe sample was DEGRADED"
                    + " (fault window: %s)", actual.faultWindow());
        }
        return this;
    }

    /** Asserts that the faults were injected at least {@code min} times. */
    public ExperimentResultAssert injectedAtLeast(long min) {
        isNotNull();
        if (actual.injections() < min) {
            failWithMessage("expected at least %d injections, but there were %d", min, actual.injections());
        }
        return this;
    }

    /** Asserts that every episode recovered and the worst recovery took at most {@code max}. */
    public ExperimentResultAssert recoveredWithin(Duration max) {
        isNotNull();
        Duration worst = actual.worstRecovery().orElse(null);
        if (worst == null) {
            failWithMessage("expected recovery within %s, but not every episode recovered: %s", max,
                    actual.episodes());
        } else if (worst.compareTo(max) > 0) {
            failWithMessage("expected recovery within %s, but the worst episode took %s", max, worst);
        }
        return this;
    }

    /** Asserts that the fault was detected (non-healthy sample or breaker opening) within {@code max}. */
    public ExperimentResultAssert detectedWithin(Duration max) {
        isNotNull();
        Duration d = actual.timeToDetect().orElse(null);
        if (d == null) {
            failWithMessage("expected the fault to be detected within %s, but it was never detected", max);
        } else if (d.compareTo(max) > 0) {
            failWithMessage("expected the fault to be detected within %s, but it took %s", max, d);
        }
        return this;
    }

    /** Asserts the error rate during the fault window is at most {@code max} (0..1). */
    public ExperimentResultAssert hasFaultWindowErrorRateAtMost(double max) {
        isNotNull();
        if (actual.faultWindow().errorRate() > max) {
            failWithMessage("expected an error rate of at most %.1f%% during the fault window, but it was %.1f%%",
                    max * 100, actual.faultWindow().errorRate() * 100);
        }
        return this;
    }
}
