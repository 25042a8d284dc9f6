package dev.chaosmonkey.experiment;

/** How a run ended. */
public enum ExperimentStatus {
    /** Ran to the end and the hypothesis held (every SLO target met). */
    COMPLETED,
    /** Ran to the end (or stopped at the baseline) and an SLO target was missed. */
    FAILED,
    /** An abort condition tripped, or the target's kill switch removed the rules. */
    ABORTED,
    /** Stopped by the user (Ctrl-C, JMX stop) before the end. */
    INTERRUPTED
}
