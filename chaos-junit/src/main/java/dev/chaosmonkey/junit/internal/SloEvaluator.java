package dev.chaosmonkey.junit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.SloCheck;
import dev.chaosmonkey.junit.SloTargets;

/** Checks an experiment's measurements against its SLO targets (see {@link SloTargets} for the phases). */
public final class SloEvaluator {
    private SloEvaluator() {
    }

    /** The checks, in a fixed order: MTTR, recovery, error rate, availability, latency degradation. */
    public static List<SloCheck> evaluate(ExperimentResult r) {
        SloTargets t = r.targets();
        boolean probe = r.probe() != null;
        boolean episodes = !r.episodes().isEmpty();
        boolean window = probe && r.faultWindow().samples() > 0;
        List<SloCheck> checks = new ArrayList<>();
        checks.add(duration("MTTR", "after fault removal, mean over episodes", t.maxMttr(),
                probe && episodes, r.mttr(), r));
        checks.add(duration("recovery time", "after fault removal, worst episode", t.maxRecovery(),
                probe && episodes, r.worstRecovery(), r));
        double errorRate = r.faultWindow().errorRate();
        checks.add(new SloCheck("error rate", "fault window", "<= " + DurationText.percent(t.maxErrorRate()),
                window ? DurationText.percent(errorRate) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : errorRate <= t.maxErrorRate() + 1e-9 ? SloCheck.Status.PASSED : SloCheck.Status.FAILED));
        double availability = r.faultWindow().availability();
        checks.add(new SloCheck("availability", "fault window", ">= " + DurationText.percent(t.minAvailability()),
                window ? DurationText.percent(availability) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : availability + 1e-9 >= t.minAvailability() ? SloCheck.Status.PASSED
                                : SloCheck.Status.FAILED));
        Duration degradation = r.latencyDegradation();
        checks.add(new SloCheck("latency degradation", "fault window p95 - baseline p95",
                "<= " + DurationText.format(t.maxLatencyDegradation()),
                window ? DurationText.format(degradation) : "n/a",
                !window ? SloCheck.Status.NOT_MEASURED
                        : degradation.compareTo(t.maxLatencyDegradation()) <= 0 ? SloCheck.Status.PASSED
                                : SloCheck.Status.FAILED));
        return checks;
    }

    private static SloCheck duration(String metric, String phase, Duration target, boolean measurable,
            Optional<Duration> measured, ExperimentResult r) {
        String targetText = "<= " + DurationText.format(target);
        if (!measurable) {
            return new SloCheck(metric, phase, targetText, "n/a", SloCheck.Status.NOT_MEASURED);
        }
        if (measured.isEmpty()) {
            long unrecovered = r.episodes().stream().filter(e -> !e.recovered()).count();
            return new SloCheck(metric, phase, targetText, "not recovered (" + unrecovered + " of "
                    + r.episodes().size() + " episodes)", SloCheck.Status.FAILED);
        }
        Duration d = measured.get();
        return new SloCheck(metric, phase, targetText, DurationText.format(d),
                d.compareTo(target) <= 0 ? SloCheck.Status.PASSED : SloCheck.Status.FAILED);
    }
}
