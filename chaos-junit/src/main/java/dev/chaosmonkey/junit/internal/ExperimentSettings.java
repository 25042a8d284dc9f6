package dev.chaosmonkey.junit.internal;

import java.time.Duration;
import java.util.List;

import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.SloTargets;

/**
 * An experiment's resolved settings: annotation values parsed and validated, fault specs parsed, SLO targets
 * resolved.
 *
 * @param testName display name of the test
 * @param reportName file-name-safe name for reports
 * @param hypothesis the hypothesis
 * @param faults declared faults, with the intensity's probability applied
 * @param faultWindow how long declared faults stay armed per episode
 * @param baseline how long the steady state is sampled first
 * @param sampleInterval probe interval
 * @param recoveryTimeout how long to wait for recovery
 * @param healthySamples consecutive healthy samples that count as recovered
 * @param episodes declared fault episodes
 * @param environment chaos environment, or {@code null}
 * @param targets SLO targets
 * @param scope name of the experiment's {@code ChaosScope}, unique in the JVM
 * @param armScope where faults armed through ChaosControl act (the experiment-level scope, never DEFAULT)
 * @param exclusive whether the experiment holds the chaos lock exclusively (some fault acts process-wide)
 */
public record ExperimentSettings(String testName, String reportName, String hypothesis, List<ChaosRule> faults,
        Duration faultWindow, Duration baseline, Duration sampleInterval, Duration recoveryTimeout, int healthySamples,
        int episodes, String environment, SloTargets targets, String scope, FaultScope armScope, boolean exclusive) {
}
