package dev.chaosmonkey.junit;

import java.time.Duration;

/**
 * The SLO targets an experiment is checked against, and the phase each applies to:
 * <ul>
 *   <li>{@code maxMttr} (default 30 s): mean over episodes of the time from removing the fault to the probe being
 *       healthy again.</li>
 *   <li>{@code maxRecovery} (default 10 s): the same time for the worst episode.</li>
 *   <li>{@code maxErrorRate} (default 5%): FAILED samples / samples <em>during the fault window</em>. Fallback answers
 *       (DEGRADED) are not errors: this target states that resilience patterns hide the fault from users.</li>
 *   <li>{@code minAvailability} (default 95%): HEALTHY + DEGRADED samples / samples during the fault window.</li>
 *   <li>{@code maxLatencyDegradation} (default 500 ms): p95 latency during the fault window minus p95 of the
 *       baseline.</li>
 * </ul>
 * The baseline itself must meet {@code maxErrorRate}, otherwise the steady state does not hold and the experiment is
 * aborted before any fault is armed.
 *
 * @param maxMttr maximum mean time to recovery
 * @param maxRecovery maximum recovery time of the worst episode
 * @param maxErrorRate maximum error rate during the fault window, 0..1
 * @param minAvailability minimum availability during the fault window, 0..1
 * @param maxLatencyDegradation maximum p95 latency increase during the fault window over the baseline
 */
public record SloTargets(Duration maxMttr, Duration maxRecovery, double maxErrorRate, double minAvailability,
        Duration maxLatencyDegradation) {

    /** Default maximum MTTR. */
    public static final Duration DEFAULT_MAX_MTTR =
            dev.chaosmonkey.experiment.SloTargets.DEFAULT_MAX_MTTR;
    /** Default maximum recovery time. */
    public static final Duration DEFAULT_MAX_RECOVERY =
            dev.chaosmonkey.experiment.SloTargets.DEFAULT_MAX_RECOVERY;
    /** Default maximum error rate during the fault window. */
    public static final double DEFAULT_MAX_ERROR_RATE =
            dev.chaosmonkey.experiment.SloTargets.DEFAULT_MAX_ERROR_RATE;
    /** Default minimum availability during the fault window. */
    public static final double DEFAULT_MIN_AVAILABILITY =
            dev.chaosmonkey.experiment.SloTargets.DEFAULT_MIN_AVAILABILITY;
    /** Default maximum p95 latency degradation. */
    public static final Duration DEFAULT_MAX_LATENCY_DEGRADATION =
            dev.chaosmonkey.experiment.SloTargets.DEFAULT_MAX_LATENCY_DEGRADATION;

    /** Validates the targets. */
    public SloTargets {
        if (maxErrorRate < 0 || maxErrorRate > 1) {
            throw new IllegalArgumentException("maxErrorRate must be within 0..1, was " + maxErrorRate);
        }
        if (minAvailability < 0 || minAvailability > 1) {
            throw new IllegalArgumentException("minAvailability must be within 0..1, was " + minAvailability);
        }
    }

    /** The defaults: MTTR <= 30 s, recovery <= 10 s, error rate <= 5%, availability >= 95%, latency +500 ms. */
    public static SloTargets defaults() {
        return new SloTargets(DEFAULT_MAX_MTTR, DEFAULT_MAX_RECOVERY, DEFAULT_MAX_ERROR_RATE,
                DEFAULT_MIN_AVAILABILITY, DEFAULT_MAX_LATENCY_DEGRADATION);
    }
}
