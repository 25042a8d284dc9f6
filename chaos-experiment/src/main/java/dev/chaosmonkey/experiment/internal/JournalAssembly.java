package dev.chaosmonkey.experiment.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chaosmonkey.experiment.Analysis;
import dev.chaosmonkey.experiment.Durations;
import dev.chaosmonkey.experiment.EpisodeResult;
import dev.chaosmonkey.experiment.ExperimentDefinition;
import dev.chaosmonkey.experiment.ExperimentDefinition.FaultDefinition;
import dev.chaosmonkey.experiment.ExperimentStatus;
import dev.chaosmonkey.experiment.FaultWindow;
import dev.chaosmonkey.experiment.Journal;
import dev.chaosmonkey.experiment.Outcome;
import dev.chaosmonkey.experiment.PhaseStats;
import dev.chaosmonkey.experiment.Sample;
import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.experiment.SloEvaluator;
import dev.chaosmonkey.experiment.SloTargets;
import dev.chaosmonkey.experiment.TimelineEvent;

/** Builds the {@link Journal} from what a run recorded: a pure function, no threads and no clock. */
public final class JournalAssembly {
    private JournalAssembly() {
    }

    /**
     * Everything a run recorded.
     *
     * @param definition the experiment
     * @param environment environment whose targets applied, or {@code null}
     * @param dryRun whether faults were armed in dry-run mode
     * @param targets target names, in order
     * @param selected indices of the targets that got the faults
     * @param start wall-clock start
     * @param end wall-clock end
     * @param sloTargets resolved targets
     * @param probeTargets probe name to its target name (or {@code null})
     * @param failure why the steady state did not hold in the baseline, or {@code null}
     * @param baselineAtDecision the baseline as judged, or {@code null}
     * @param abort the abort, or {@code null}
     * @param stopReason why the run was stopped, or {@code null}
     * @param samples every sample
     * @param windows the fault windows
     * @param windowInjections injections per window
     * @param faultCounts {@code targetIndex NUL faultIndex} to {matched, injected}
     * @param rulesArmed rules armed per target index
     * @param timeline the events
     */
    public record RunFacts(ExperimentDefinition definition, String environment, boolean dryRun, List<String> targets,
            Set<Integer> selected, Instant start, Instant end, SloTargets sloTargets, Map<String, String> probeTargets,
            String failure, PhaseStats baselineAtDecision, Journal.Abort abort, String stopReason,
            List<Sample> samples, List<FaultWindow> windows, List<Long> windowInjections,
            Map<String, long[]> faultCounts, Map<Integer, Integer> rulesArmed, List<TimelineEvent> timeline) {
    }

    /** The key of a fault's counters in {@link RunFacts#faultCounts()}. */
    public static String countKey(int target, int fault) {
        return target + "\u0000" + fault;
    }

    /** The journal of a run. */
    public static Journal assemble(RunFacts r) {
        ExperimentDefinition definition = r.definition();
        List<Sample> all = r.samples();
        List<FaultWindow> ws = r.windows();
        Analysis.Phases phases = Analysis.phases(all, ws);
        List<List<String>> faults = new ArrayList<>();
        for (int i = 0; i < ws.size(); i++) {
            faults.add(definition.faults().stream().map(FaultDefinition::spec).toList());
        }
        List<EpisodeResult> episodes = Analysis.episodes(ws, faults, r.windowInjections(), all, List.of(),
                definition.healthySamples(), !r.probeTargets().isEmpty());
        PhaseStats before = PhaseStats.of("baseline", phases.baseline());
        PhaseStats during = PhaseStats.of("fault window", phases.faultWindow());
        PhaseStats after = PhaseStats.of("recovery", phases.recovery());
        if (r.failure() != null && r.baselineAtDecision() != null) {
            before = r.baselineAtDecision();
        }
        SloTargets t = r.sloTargets();
        List<SloCheck> checks = r.failure() != null ? List.of(new SloCheck("error rate", "baseline",
                "<= " + Durations.percent(t.maxErrorRate()), Durations.percent(before.errorRate()),
                SloCheck.Status.FAILED))
                : SloEvaluator.evaluate(t, !r.probeTargets().isEmpty(), before, during, episodes);
        Map<String, List<PhaseStats>> perProbe = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> e : Analysis.byProbe(all).entrySet()) {
            Analysis.Phases p = Analysis.phases(e.getValue(), ws);
            perProbe.put(e.getKey(), List.of(PhaseStats.of("baseline", p.baseline()),
                    PhaseStats.of("fault window", p.faultWindow()), PhaseStats.of("recovery", p.recovery())));
        }
        List<Journal.FaultCount> counts = new ArrayList<>();
        List<Journal.TargetResult> targetResults = new ArrayList<>();
        for (int i = 0; i < r.targets().size(); i++) {
            String name = r.targets().get(i);
            long matched = 0;
            long injected = 0;
            for (int f = 0; f < definition.faults().size(); f++) {
                long[] c = r.faultCounts().get(countKey(i, f));
                if (c != null) {
                    counts.add(new Journal.FaultCount(name, definition.faults().get(f).spec(), c[0], c[1],
                            r.dryRun()));
                    matched += c[0];
                    injected += c[1];
                }
            }
            Map<String, PhaseStats> tp = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : r.probeTargets().entrySet()) {
                if (name.equals(p.getValue()) || p.getValue() == null && r.targets().size() == 1) {
                    List<PhaseStats> ps = perProbe.get(p.getKey());
                    tp.put(p.getKey(), ps == null ? PhaseStats.of("fault window", List.of()) : ps.get(1));
                }
            }
            targetResults.add(new Journal.TargetResult(name, r.selected().contains(i),
                    r.rulesArmed().getOrDefault(i, 0), matched, injected, tp));
        }
        ExperimentStatus status;
        String verdict;
        List<SloCheck> violations = checks.stream().filter(SloCheck::failed).toList();
        if (r.abort() != null) {
            status = ExperimentStatus.ABORTED;
            verdict = "aborted at " + r.abort().atMillis() + " ms: " + r.abort().condition() + " (measured "
                    + r.abort().measured() + ")";
        } else if (r.stopReason() != null) {
            status = ExperimentStatus.INTERRUPTED;
            verdict = "interrupted: " + r.stopReason();
        } else if (r.failure() != null) {
            status = ExperimentStatus.FAILED;
            verdict = r.failure();
        } else if (!violations.isEmpty()) {
            status = ExperimentStatus.FAILED;
            verdict = "SLO violated: " + String.join("; ", violations.stream().map(SloCheck::describe).toList());
        } else {
            status = ExperimentStatus.COMPLETED;
            verdict = "hypothesis holds" + (r.dryRun() ? " (dry run: nothing was injected)" : "");
        }
        int healthy = 0;
        for (Sample s : all) {
            if (s.outcome() == Outcome.HEALTHY) {
                healthy++;
            }
        }
        double success = all.isEmpty() ? 0 : (double) healthy / all.size();
        Journal draft = new Journal(definition.name(), definition.hypothesis(), definition.source(),
                r.environment(), r.dryRun(), r.start(), r.end(), status, verdict, r.abort(), before, during, after,
                perProbe, episodes, counts, targetResults, t, checks, success, List.of(), r.timeline(), all);
        return new Journal(draft.name(), draft.hypothesis(), draft.source(), draft.environment(), draft.dryRun(),
                draft.start(), draft.end(), draft.status(), draft.verdict(), draft.abort(), draft.before(),
                draft.during(), draft.after(), draft.perProbe(), draft.episodes(), draft.faults(), draft.targets(),
                draft.sloTargets(), draft.sloChecks(), draft.probeSuccess(), Recommendations.of(draft),
                draft.timeline(), draft.samples());
    }
}
