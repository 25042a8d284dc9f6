package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One fault episode: from arming the experiment's first fault to disarming its last.
 *
 * @param index 1-based number of the episode
 * @param faults the specs armed in this episode
 * @param faultStartMillis when the faults were armed, ms since the experiment started
 * @param faultEndMillis when they were disarmed, ms since the experiment started; -1 while still armed
 * @param injections injections the episode's rules performed (would-fire counts in a dry run)
 * @param detectedAtMillis first sign of the fault (a non-healthy sample or another signal), or -1
 * @param recoveredAtMillis start of the first run of healthy samples after the fault ended, or -1
 */
public record EpisodeResult(int index, List<String> faults, long faultStartMillis, long faultEndMillis,
        long injections, long detectedAtMillis, long recoveredAtMillis) {

    /** Fault start to first sign of it. */
    public Optional<Duration> timeToDetect() {
        return detectedAtMillis < 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, detectedAtMillis - faultStartMillis)));
    }

    /** Fault removed to probe healthy again (0 when the probe never left healthy after the fault ended). */
    public Optional<Duration> recoveryTime() {
        return recoveredAtMillis < 0 || faultEndMillis < 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, recoveredAtMillis - faultEndMillis)));
    }

    /** Whether the probe was healthy again after the fault ended. */
    public boolean recovered() {
        return recoveredAtMillis >= 0;
    }
}
