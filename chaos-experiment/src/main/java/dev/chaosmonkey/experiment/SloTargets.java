package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.Locale;

/**
 * The SLO targets an experiment is checked against:
 * <ul>
 *   <li>{@code maxMttr} (default 30 s): mean over episodes of the time from removing the fault to healthy again;</li>
 *   <li>{@code maxRecovery} (default 10 s): the same time for the worst episode;</li>
 *   <li>{@code maxErrorRate} (default 5%): FAILED samples / samples during the fault window (fallback answers are
 *       not errors);</li>
 *   <li>{@code minAvailability} (default 95%): HEALTHY + DEGRADED samples / samples during the fault window;</li>
 *   <li>{@code maxLatencyDegradation} (default 500 ms): p95 in the fault window minus p95 of the baseline.</li>
 * </ul>
 * The baseline must meet {@code maxErrorRate}, otherwise the steady state does not hold and no fault is armed.
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
    public static final Duration DEFAULT_MAX_MTTR = Duration.ofSeconds(30);
    /** Default maximum recovery time. */
    public static final Duration DEFAULT_MAX_RECOVERY = Duration.ofSeconds(10);
    /** Default maximum error rate during the fault window. */
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;
    /** Default minimum availability during the fault window. */
    public static final double DEFAULT_MIN_AVAILABILITY = 0.95;
    /** Default maximum p95 latency degradation. */
    public static final Duration DEFAULT_MAX_LATENCY_DEGRADATION = Duration.ofMillis(500);

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

    /**
     * The defaults of a named environment: {@code dev} 60 s / 10% / 90%, {@code staging} 45 s / 5% / 95%,
     * {@code prod} (or {@code production}) 30 s / 1% / 99% (MTTR / error rate / availability); the general defaults
     * for any other name or {@code null}.
     */
    public static SloTargets forEnvironment(String environment) {
        SloTargets d = defaults();
        if (environment == null) {
            return d;
        }
        return switch (environment.trim().toLowerCase(Locale.ROOT)) {
            case "dev", "development" -> new SloTargets(Duration.ofSeconds(60), d.maxRecovery(), 0.10, 0.90,
                    d.maxLatencyDegradation());
            case "staging", "stage" -> new SloTargets(Duration.ofSeconds(45), d.maxRecovery(), 0.05, 0.95,
                    d.maxLatencyDegradation());
            case "prod", "production" -> new SloTargets(Duration.ofSeconds(30), d.maxRecovery(), 0.01, 0.99,
                    d.maxLatencyDegradation());
            default -> d;
        };
    }

    /** A copy with the non-null overrides applied. */
    public SloTargets with(Duration mttr, Duration recovery, Double errorRate, Double availability,
            Duration latency) {
        return new SloTargets(mttr == null ? maxMttr : mttr, recovery == null ? maxRecovery : recovery,
                errorRate == null ? maxErrorRate : errorRate, availability == null ? minAvailability : availability,
                latency == null ? maxLatencyDegradation : latency);
    }
}
