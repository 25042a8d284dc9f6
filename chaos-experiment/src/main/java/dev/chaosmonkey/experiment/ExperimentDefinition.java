package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment: what {@link ExperimentFile} reads, or built in code.
 *
 * @param source where it came from (a file name), for messages
 * @param name the experiment's name
 * @param hypothesis what should hold while the faults are active
 * @param environment the environment whose SLO targets apply, or {@code null}
 * @param dryRun arm every fault in dry-run mode
 * @param baseline probe-only sampling before the first fault
 * @param recoveryTimeout how long to wait for recovery after each episode
 * @param healthySamples consecutive healthy samples that count as recovered
 * @param probes the steady-state probes
 * @param faults the fault specs, with their position in the source
 * @param window how long faults stay armed per episode
 * @param episodes how many episodes
 * @param ramp the intensity ramp, or {@code null}
 * @param slo SLO overrides for all environments
 * @param sloByEnvironment SLO overrides per environment name
 * @param abort the abort conditions
 */
public record ExperimentDefinition(String source, String name, String hypothesis, String environment, boolean dryRun,
        Duration baseline, Duration recoveryTimeout, int healthySamples, List<ProbeDefinition> probes,
        List<FaultDefinition> faults, Duration window, int episodes, Ramp ramp, SloOverrides slo,
        Map<String, SloOverrides> sloByEnvironment, List<AbortCondition> abort) {

    /** Default baseline. */
    public static final Duration DEFAULT_BASELINE = Duration.ofSeconds(2);
    /** Default recovery timeout. */
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    /** Default consecutive healthy samples for recovery. */
    public static final int DEFAULT_HEALTHY_SAMPLES = 3;

    /**
     * One fault spec and where it was written.
     *
     * @param spec the spec, in the fault spec language
     * @param line 1-based line in the source, 0 if unknown
     * @param column 1-based column in the source, 0 if unknown
     */
    public record FaultDefinition(String spec, int line, int column) {
        /** {@code file:line:column} for messages. */
        public String position(String source) {
            return source + ":" + line + ":" + column;
        }
    }

    /**
     * Probability steps over the fault window.
     *
     * @param from first probability
     * @param to last probability
     * @param steps number of steps, 2..20
     */
    public record Ramp(double from, double to, int steps) {
        /** The probability of step {@code i} (0-based). */
        public double probability(int i) {
            return steps <= 1 ? to : from + (to - from) * i / (steps - 1);
        }
    }

    /**
     * SLO targets to override; {@code null} keeps the value resolved so far.
     *
     * @param maxMttr maximum MTTR
     * @param maxRecovery maximum recovery time
     * @param maxErrorRate maximum error rate
     * @param minAvailability minimum availability
     * @param maxLatencyDegradation maximum latency degradation
     */
    public record SloOverrides(Duration maxMttr, Duration maxRecovery, Double maxErrorRate, Double minAvailability,
            Duration maxLatencyDegradation) {
        /** No overrides. */
        public static final SloOverrides NONE = new SloOverrides(null, null, null, null, null);

        /** {@code base} with these overrides applied. */
        public SloTargets applyTo(SloTargets base) {
            return base.with(maxMttr, maxRecovery, maxErrorRate, minAvailability, maxLatencyDegradation);
        }
    }

    /**
     * The targets for {@code environmentName} (or this definition's environment when {@code null}): defaults, the
     * environment's defaults, {@code slo}, {@code slo.environments.<env>}.
     */
    public SloTargets targets(String environmentName) {
        String env = environmentName != null ? environmentName : environment;
        SloTargets t = slo.applyTo(SloTargets.forEnvironment(env));
        if (env != null && sloByEnvironment.containsKey(env)) {
            t = sloByEnvironment.get(env).applyTo(t);
        }
        return t;
    }

    /** The whole run's planned length without waiting for recovery: baseline + episodes x window. */
    public Duration plannedFaultTime() {
        return baseline.plus(window.multipliedBy(episodes));
    }
}
