package dev.chaosmonkey.junit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.chaosmonkey.experiment.Analysis;
import dev.chaosmonkey.experiment.SloCheck;

/**
 * What an experiment measured: per-phase probe statistics, fault episodes, detection and recovery times, SLO checks
 * and the Resilience4j components' counters. Available during the test through {@link ChaosControl#result()} (a
 * snapshot so far) and written to the reports at the end.
 *
 * @param testName the test's display name
 * @param hypothesis the experiment's hypothesis
 * @param environment the chaos environment name, or {@code null}
 * @param scope the name of the experiment's {@code ChaosScope}: scoped faults fired only for calls inside it
 * @param exclusive whether the experiment held the chaos lock exclusively because a fault acted on the whole
 *        process ({@code resource} faults, {@link FaultScope#GLOBAL}); {@code false}: it could run alongside other
 *        scoped experiments
 * @param probe the probe's name, or {@code null} when the experiment has none
 * @param baseline statistics before the first fault
 * @param faultWindow statistics while faults were armed
 * @param recovery statistics after the last fault was removed
 * @param episodes the fault episodes
 * @param samples all probe samples in time order
 * @param timeline notable events in time order
 * @param components counters of observed Resilience4j components by {@code kind:name}
 * @param targets the resolved SLO targets
 * @param sloChecks the SLO checks (empty in snapshots taken during the test)
 */
public record ExperimentResult(String testName, String hypothesis, String environment, String scope,
        boolean exclusive, String probe,
        PhaseStats baseline, PhaseStats faultWindow, PhaseStats recovery, List<Episode> episodes,
        List<ProbeSample> samples, List<TimelineEvent> timeline, Map<String, Map<String, Long>> components,
        SloTargets targets, List<SloCheck> sloChecks) {

    /** Mean time to detect over episodes that detected the fault. */
    public Optional<Duration> timeToDetect() {
        return Analysis.meanTimeToDetect(engineEpisodes());
    }

    /** Mean time to recovery over the episodes; empty if an episode did not recover or there is no probe. */
    public Optional<Duration> mttr() {
        return Analysis.mttr(engineEpisodes());
    }

    /** The longest recovery time; empty if an episode did not recover or there is no probe. */
    public Optional<Duration> worstRecovery() {
        return Analysis.worstRecovery(engineEpisodes());
    }

    private List<dev.chaosmonkey.experiment.EpisodeResult> engineEpisodes() {
        return episodes.stream().map(dev.chaosmonkey.junit.internal.EngineTypes::episode).toList();
    }

    /** p95 latency during the fault window minus the baseline's. */
    public Duration latencyDegradation() {
        return faultWindow.p95().minus(baseline.p95());
    }

    /** Samples answered by a fallback during the fault window and recovery. */
    public int fallbackAnswers() {
        return faultWindow.degraded() + recovery.degraded();
    }

    /** Total injections over all episodes. */
    public long injections() {
        return episodes.stream().mapToLong(Episode::injections).sum();
    }

    /** Whether no SLO check failed. */
    public boolean sloMet() {
        return sloChecks.stream().noneMatch(SloCheck::failed);
    }
}
