package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks measurements against SLO targets (see {@link SloTargets} for the phases); a pure function. */
public final class SloEvaluator {
    private SloEvaluator() {
    }

    /**
     * The checks, in a fixed order: MTTR, recovery, error rate, availability, latency degradation.
     *
     * @param probe whether the experiment had a probe (without one nothing is measurable)
     */
    public static List<SloCheck> evaluate(SloTargets t, boolean probe, PhaseStats baseline, PhaseStats faultWindow,
            List<EpisodeResult> episodes) {
        boolean hasEpisodes = !episodes.isEmpty();
        boolean window = probe && faultWindow.samples() > 0;
        List<SloCheck> checks = new ArrayList<>();
        checks.add(duration("MTTR", "after fault removal, mean over episodes", t.maxMttr(), probe && hasEpisodes,
                Analysis.mttr(episodes), episodes));
        checks.add(duration("recovery time", "after fault removal, worst episode", t.maxRecovery(),
                probe && hasEpisodes, Analysis.worstRecovery(episodes), episodes));
        double errorRate = faultWindow.errorRate();
        checks.add(new SloCheck("error rate", "fault window", "<= " + Durations.percent(t.maxErrorRate()),
                window ? Durations.percent(errorRate) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : errorRate <= t.maxErrorRate() + 1e-9 ? SloCheck.Status.PASSED : SloCheck.Status.FAILED));
        double availability = faultWindow.availability();
        checks.add(new SloCheck("availability", "fault window", ">= " + Durations.percent(t.minAvailability()),
                window ? Durations.percent(availability) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : availability + 1e-9 >= t.minAvailability() ? SloCheck.Status.PASSED
                                : SloCheck.Status.FAILED));
        Duration degradation = faultWindow.p95().minus(baseline.p95());
        checks.add(new SloCheck("latency degradation", "fault window p95 - baseline p95",
                "<= " + Durations.format(t.maxLatencyDegradation()),
                window ? Durations.format(degradation) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : degradation.compareTo(t.maxLatencyDegradation()) <= 0 ? SloCheck.Status.PASSED
                                : SloCheck.Status.FAILED));
        return checks;
    }

    private static SloCheck duration(String metric, String phase, Duration target, boolean measurable,
            Optional<Duration> measured, List<EpisodeResult> episodes) {
        String targetText = "<= " + Durations.format(target);
        if (!measurable) {
            return new SloCheck(metric, phase, targetText, "n/a", SloCheck.Status.NOT_MEASURED);
        }
        if (measured.isEmpty()) {
            long unrecovered = episodes.stream().filter(e -> !e.recovered()).count();
            return new SloCheck(metric, phase, targetText, "not recovered (" + unrecovered + " of "
                    + episodes.size() + " episodes)", SloCheck.Status.FAILED);
        }
        Duration d = measured.get();
        return new SloCheck(metric, phase, targetText, Durations.format(d),
                d.compareTo(target) <= 0 ? SloCheck.Status.PASSED : SloCheck.Status.FAILED);
    }
}
