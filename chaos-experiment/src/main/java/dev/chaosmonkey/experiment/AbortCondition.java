package dev.chaosmonkey.experiment;

import java.time.Duration;

/** A condition that, while faults are armed, stops the experiment and disarms its rules at once. */
public sealed interface AbortCondition permits AbortCondition.ErrorRate, AbortCondition.Latency,
        AbortCondition.ConsecutiveFailures, AbortCondition.JmxThreshold {

    /** For reports and messages. */
    String describe();

    /**
     * FAILED / samples over the last {@code window} above {@code above}.
     *
     * @param above limit, 0..1
     * @param window sliding window
     * @param probe only this probe's samples, or {@code null} for all
     * @param minSamples samples the window needs before the condition can trip
     */
    record ErrorRate(double above, Duration window, String probe, int minSamples) implements AbortCondition {
        @Override
        public String describe() {
            return "error rate over " + Durations.format(window) + (probe == null ? "" : " of probe " + probe)
                    + " above " + Durations.percent(above);
        }
    }

    /**
     * A latency percentile over the last {@code window} above {@code above}.
     *
     * @param percentile 1..100
     * @param above limit
     * @param window sliding window
     * @param probe only this probe's samples, or {@code null} for all
     * @param minSamples samples the window needs before the condition can trip
     */
    record Latency(double percentile, Duration above, Duration window, String probe, int minSamples)
            implements AbortCondition {
        @Override
        public String describe() {
            return "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile)
                    : String.valueOf(percentile)) + " latency over " + Durations.format(window)
                    + (probe == null ? "" : " of probe " + probe) + " above " + Durations.format(above);
        }
    }

    /**
     * The probe failed {@code count} times in a row.
     *
     * @param probe the probe
     * @param count failures in a row
     */
    record ConsecutiveFailures(String probe, int count) implements AbortCondition {
        @Override
        public String describe() {
            return "probe " + probe + " failed " + count + " times in a row";
        }
    }

    /**
     * A JMX attribute satisfies the comparison.
     *
     * @param mbean object name
     * @param attribute attribute
     * @param comparison when to trip
     * @param interval how often to read it
     * @param target which target's MBean server, or {@code null} for the first
     */
    record JmxThreshold(String mbean, String attribute, Comparison comparison, Duration interval, String target)
            implements AbortCondition {
        @Override
        public String describe() {
            return "JMX " + mbean + " " + attribute + " " + comparison.describe();
        }
    }
}
