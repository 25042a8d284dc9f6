package dev.chaosmonkey.experiment;

/**
 * One SLO target checked against a measurement.
 *
 * @param metric the metric's name, e.g. {@code error rate}
 * @param phase the phase the measurement is taken from
 * @param target the target, e.g. {@code <= 5.0%}
 * @param measured the measurement, e.g. {@code 12.5%}, or {@code n/a}
 * @param status whether the target is met
 */
public record SloCheck(String metric, String phase, String target, String measured, Status status) {

    /** Outcome of a check. */
    public enum Status {
        /** Target met. */
        PASSED,
        /** Target missed. */
        FAILED,
        /** Not measurable in this experiment (e.g. no samples), not checked. */
        NOT_MEASURED
    }

    /** Whether the target was missed. */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /** One-line description used in failure messages. */
    public String describe() {
        return metric + " (" + phase + ") was " + measured + ", target " + target;
    }
}
