package dev.chaosmonkey.experiment;

/**
 * When one episode's faults were armed: the input of the analysis.
 *
 * @param index 1-based episode number
 * @param startNanos when arming started, nanoseconds since the experiment started
 * @param endNanos when the faults were removed, or -1 while they are armed
 */
public record FaultWindow(int index, long startNanos, long endNanos) {

    /** Arming start in milliseconds since the experiment started. */
    public long startMillis() {
        return startNanos / 1_000_000;
    }

    /** Removal in milliseconds since the experiment started, or -1 while armed. */
    public long endMillis() {
        return endNanos < 0 ? -1 : endNanos / 1_000_000;
    }

    /** Whether the faults have been removed. */
    public boolean ended() {
        return endNanos >= 0;
    }
}
