package dev.chaosmonkey.experiment;

/**
 * One probe sample.
 *
 * @param probe the probe's name
 * @param offsetNanos when the sample started, nanoseconds since the experiment started
 * @param latencyNanos how long the probe call took
 * @param outcome what the probe saw
 * @param error why the sample is not healthy (class and message, or the failed check), otherwise {@code null}
 * @param episode the fault episode whose faults were armed when the sample started, 0 when none were
 */
public record Sample(String probe, long offsetNanos, long latencyNanos, Outcome outcome, String error, int episode) {

    /** When the sample started, milliseconds since the experiment started. */
    public long offsetMillis() {
        return offsetNanos / 1_000_000;
    }

    /** When the sample ended, nanoseconds since the experiment started. */
    public long endNanos() {
        return offsetNanos + latencyNanos;
    }

    /** Whether the sample was taken while faults were armed. */
    public boolean duringFault() {
        return episode > 0;
    }

    /** Latency in (fractional) milliseconds. */
    public double latencyMillis() {
        return latencyNanos / 1_000_000.0;
    }
}
