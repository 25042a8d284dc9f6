package dev.chaosmonkey.experiment;

import java.time.Duration;

/**
 * A running experiment's progress, reported about twice a second.
 *
 * @param phase {@code baseline}, {@code episode 1/2 faults}, {@code episode 1/2 recovery}, {@code done}
 * @param elapsed time since the start
 * @param remaining planned time left (recovery waits excluded)
 * @param samples samples so far
 * @param errorRate FAILED / samples in the current phase
 */
public record Progress(String phase, Duration elapsed, Duration remaining, int samples, double errorRate) {
}
