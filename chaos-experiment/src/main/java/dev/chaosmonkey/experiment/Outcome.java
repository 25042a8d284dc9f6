package dev.chaosmonkey.experiment;

/** What one probe sample saw. */
public enum Outcome {
    /** Served normally by the primary path. */
    HEALTHY,
    /** Answered, but degraded (e.g. by a fallback): counts as available, not as healthy. */
    DEGRADED,
    /** No usable answer: counts as an error and as unavailable. */
    FAILED
}
