package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one run: what was done, what was measured and the verdict. Written as
 * {@code <name>.journal.json}; the Markdown and HTML reports are rendered from it.
 *
 * @param name experiment name
 * @param hypothesis the hypothesis
 * @param source the experiment file
 * @param environment environment whose targets applied, or {@code null}
 * @param dryRun whether faults were armed in dry-run mode
 * @param start wall-clock start
 * @param end wall-clock end
 * @param status how the run ended
 * @param verdict one line: the hypothesis held, or why not
 * @param abort the abort, or {@code null}
 * @param before baseline statistics over all probes
 * @param during fault-window statistics over all probes
 * @param after recovery statistics over all probes
 * @param perProbe per probe: baseline, fault window, recovery
 * @param episodes the episodes
 * @param faults per target and spec: matched and injected (would-fire) counts
 * @param targets per target results
 * @param sloTargets the resolved SLO targets
 * @param sloChecks the SLO checks
 * @param probeSuccess healthy samples / samples over the whole run
 * @param recommendations follow-ups
 * @param timeline events in time order
 * @param samples every sample
 */
public record Journal(String name, String hypothesis, String source, String environment, boolean dryRun,
        Instant start, Instant end, ExperimentStatus status, String verdict, Abort abort, PhaseStats before,
        PhaseStats during, PhaseStats after, Map<String, List<PhaseStats>> perProbe, List<EpisodeResult> episodes,
        List<FaultCount> faults, List<TargetResult> targets, SloTargets sloTargets, List<SloCheck> sloChecks,
        double probeSuccess, List<String> recommendations, List<TimelineEvent> timeline, List<Sample> samples) {

    /**
     * Why and when a run was aborted.
     *
     * @param condition the condition that tripped (or {@code emergency stop: ...})
     * @param measured the measured value that tripped it
     * @param atMillis when, ms since the start
     * @param disarmedAtMillis when every rule had been disarmed, ms since the start
     */
    public record Abort(String condition, String measured, long atMillis, long disarmedAtMillis) {
    }

    /**
     * Counters of one fault on one target, summed over episodes and ramp steps.
     *
     * @param target the target
     * @param spec the spec as written in the experiment
     * @param matched calls that matched
     * @param injected injections (would-fire count in a dry run)
     * @param dryRun whether the rules were in dry-run mode
     */
    public record FaultCount(String target, String spec, long matched, long injected, boolean dryRun) {
    }

    /**
     * One target of the fleet.
     *
     * @param name the target
     * @param selected whether it got the faults
     * @param rulesArmed rules armed there over the run
     * @param matched matched calls of those rules
     * @param injected injections of those rules
     * @param probes statistics of the probes that belong to it (fault window)
     */
    public record TargetResult(String name, boolean selected, int rulesArmed, long matched, long injected,
            Map<String, PhaseStats> probes) {
    }

    /** 0 when the hypothesis held, 1 on an SLO violation, 2 when aborted or interrupted. */
    public int exitCode() {
        return switch (status) {
            case COMPLETED -> 0;
            case FAILED -> 1;
            default -> 2;
        };
    }

    /** The failed SLO checks. */
    public List<SloCheck> violations() {
        return sloChecks.stream().filter(SloCheck::failed).toList();
    }

    /** Mean time to recovery, or {@code null}. */
    public Duration mttr() {
        return Analysis.mttr(episodes).orElse(null);
    }

    /** Mean time to detect, or {@code null}. */
    public Duration timeToDetect() {
        return Analysis.meanTimeToDetect(episodes).orElse(null);
    }

    /** The journal as plain maps and lists (what the JSON holds). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("hypothesis", hypothesis);
        m.put("source", source);
        m.put("environment", environment);
        m.put("dryRun", dryRun);
        m.put("start", start.toString());
        m.put("end", end.toString());
        m.put("durationMillis", Duration.between(start, end).toMillis());
        m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        m.put("verdict", verdict);
        m.put("exitCode", exitCode());
        if (abort != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("condition", abort.condition());
            a.put("measured", abort.measured());
            a.put("atMillis", abort.atMillis());
            a.put("disarmedAtMillis", abort.disarmedAtMillis());
            m.put("abort", a);
        } else {
            m.put("abort", null);
        }
        Map<String, Object> steady = new LinkedHashMap<>();
        steady.put("before", stats(before));
        steady.put("during", stats(during));
        steady.put("after", stats(after));
        m.put("steadyState", steady);
        Map<String, Object> probes = new LinkedHashMap<>();
        perProbe.forEach((k, v) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("before", stats(v.get(0)));
            p.put("during", stats(v.get(1)));
            p.put("after", stats(v.get(2)));
            probes.put(k, p);
        });
        m.put("probes", probes);
        m.put("probeSuccessPercent", Math.round(probeSuccess * 1000) / 10.0);
        m.put("mttrMillis", mttr() == null ? null : mttr().toMillis());
        m.put("timeToDetectMillis", timeToDetect() == null ? null : timeToDetect().toMillis());
        List<Object> eps = new ArrayList<>();
        for (EpisodeResult e : episodes) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", e.index());
            x.put("faults", e.faults());
            x.put("startMillis", e.faultStartMillis());
            x.put("endMillis", e.faultEndMillis());
            x.put("injections", e.injections());
            x.put("timeToDetectMillis", e.timeToDetect().map(Duration::toMillis).orElse(null));
            x.put("recoveryMillis", e.recoveryTime().map(Duration::toMillis).orElse(null));
            x.put("recovered", e.recovered());
            eps.add(x);
        }
        m.put("episodes", eps);
        List<Object> fs = new ArrayList<>();
        for (FaultCount f : faults) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("target", f.target());
            x.put("spec", f.spec());
            x.put("matched", f.matched());
            x.put(f.dryRun() ? "wouldFire" : "injected", f.injected());
            x.put("dryRun", f.dryRun());
            fs.add(x);
        }
        m.put("faults", fs);
        List<Object> ts = new ArrayList<>();
        for (TargetResult t : targets) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", t.name());
            x.put("selected", t.selected());
            x.put("rulesArmed", t.rulesArmed());
            x.put("matched", t.matched());
            x.put("injected", t.injected());
            Map<String, Object> tp = new LinkedHashMap<>();
            t.probes().forEach((k, v) -> tp.put(k, stats(v)));
            x.put("probesDuringFaults", tp);
            ts.add(x);
        }
        m.put("targets", ts);
        Map<String, Object> slo = new LinkedHashMap<>();
        slo.put("maxMttrMillis", sloTargets.maxMttr().toMillis());
        slo.put("maxRecoveryMillis", sloTargets.maxRecovery().toMillis());
        slo.put("maxErrorRate", sloTargets.maxErrorRate());
        slo.put("minAvailability", sloTargets.minAvailability());
        slo.put("maxLatencyDegradationMillis", sloTargets.maxLatencyDegradation().toMillis());
        m.put("sloTargets", slo);
        List<Object> checks = new ArrayList<>();
        for (SloCheck c : sloChecks) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("metric", c.metric());
            x.put("phase", c.phase());
            x.put("target", c.target());
            x.put("measured", c.measured());
            x.put("status", c.status().name());
            checks.add(x);
        }
        m.put("sloChecks", checks);
        m.put("recommendations", recommendations);
        List<Object> tl = new ArrayList<>();
        for (TimelineEvent e : timeline) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("atMillis", e.offsetMillis());
            x.put("source", e.source());
            x.put("event", e.description());
            tl.add(x);
        }
        m.put("timeline", tl);
        List<Object> ss = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("probe", s.probe());
            x.put("atMillis", s.offsetMillis());
            x.put("latencyMillis", Math.round(s.latencyMillis() * 10) / 10.0);
            x.put("outcome", s.outcome().name());
            x.put("episode", s.episode());
            if (s.error() != null) {
                x.put("error", s.error());
            }
            ss.add(x);
        }
        m.put("samples", ss);
        return m;
    }

    private static Map<String, Object> stats(PhaseStats p) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("samples", p.samples());
        x.put("healthy", p.healthy());
        x.put("degraded", p.degraded());
        x.put("failed", p.failed());
        x.put("errorRate", p.errorRate());
        x.put("availability", p.availability());
        x.put("p50Millis", p.p50().toNanos() / 1e6);
        x.put("p95Millis", p.p95().toNanos() / 1e6);
        x.put("p99Millis", p.p99().toNanos() / 1e6);
        return x;
    }
}
