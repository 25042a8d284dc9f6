package dev.chaosmonkey.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.experiment.internal.AbortWatch;

/** The analysis as pure functions over hand-written samples: no threads, no clocks. */
class AnalysisTest {
    private static Sample s(String probe, long atMillis, Outcome o, int episode) {
        return new Sample(probe, atMillis * 1_000_000, 5_000_000, o, o == Outcome.HEALTHY ? null : "x", episode);
    }

    private static List<Sample> run(String probe, long from, long step, int episode, Outcome... outcomes) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            out.add(s(probe, from + i * step, outcomes[i], episode));
        }
        return out;
    }

    private static final Outcome H = Outcome.HEALTHY;
    private static final Outcome F = Outcome.FAILED;
    private static final Outcome D = Outcome.DEGRADED;

    @Test
    void phasesDetectionAndRecovery() {
        FaultWindow w = new FaultWindow(1, 1000L * 1_000_000, 2000L * 1_000_000);
        List<Sample> all = new ArrayList<>();
        all.addAll(run("p", 0, 100, 0, H, H, H, H, H, H, H, H, H, H));   // 0..900 baseline
        all.addAll(run("p", 1000, 100, 1, H, H, F, F, F, F, F, F, F, F)); // 1000..1900 faults, detected at 1200
        all.addAll(run("p", 2000, 100, 0, F, F, H, H, H, H));           // recovered run starts at 2200
        Analysis.Phases p = Analysis.phases(all, List.of(w));
        assertThat(p.baseline()).hasSize(10);
        assertThat(p.faultWindow()).hasSize(10);
        assertThat(p.recovery()).hasSize(6);
        assertThat(Analysis.detectedAt(w, Long.MAX_VALUE, all, List.of())).isEqualTo(1200);
        assertThat(Analysis.detectedAt(w, Long.MAX_VALUE, all, List.of(1100L))).isEqualTo(1100);
        assertThat(Analysis.recoveredAt(w, Long.MAX_VALUE, all, 3)).isEqualTo(2200);
        List<EpisodeResult> eps = Analysis.episodes(List.of(w), List.of(List.of("spec")), List.of(8L), all,
                List.of(), 3, true);
        assertThat(eps.get(0).timeToDetect()).contains(Duration.ofMillis(200));
        assertThat(eps.get(0).recoveryTime()).contains(Duration.ofMillis(200));
        assertThat(Analysis.mttr(eps)).contains(Duration.ofMillis(200));
    }

    /**
     * The runner arms the next episode as soon as it sees the recovery; the last healthy sample it saw can fall in
     * the millisecond that episode starts in. The episode's result must say recovered, as the runner did (it said
     * "not recovered" in a CI run of ScenarioPresetsTest: samples at 430, 440, 450 ms, next episode at 450 ms).
     */
    @Test
    void aRecoverySeenInTheMillisecondTheNextEpisodeStartsCounts() {
        FaultWindow first = new FaultWindow(1, 269L * 1_000_000, 428L * 1_000_000);
        FaultWindow second = new FaultWindow(2, 450L * 1_000_000, 605L * 1_000_000);
        List<Sample> all = new ArrayList<>();
        all.addAll(run("p", 400, 10, 1, H, H, F));       // 400, 410 healthy; failure detected at 420
        all.addAll(run("p", 430, 10, 0, H, H, H));       // 430, 440, 450: recovered
        all.addAll(run("p", 460, 10, 2, H, H, H));
        assertThat(Analysis.nextStartMillis(List.of(first, second), 1)).isEqualTo(450);
        assertThat(Analysis.recoveredAt(first, 450, all, 3)).isEqualTo(430);
        List<EpisodeResult> eps = Analysis.episodes(List.of(first, second), List.of(List.of("a"), List.of("a")),
                List.of(1L, 1L), all, List.of(), 3, true);
        assertThat(eps.get(0).recovered()).isTrue();
        assertThat(eps.get(0).detectedAtMillis()).isEqualTo(420);
    }

    @Test
    void aSystemThatNeverDegradedRecoveredAtRemoval() {
        FaultWindow w = new FaultWindow(1, 1000L * 1_000_000, 2000L * 1_000_000);
        List<Sample> all = run("p", 0, 250, 0, H, H, H, H, H, H, H, H, H, H, H, H);
        assertThat(Analysis.recoveredAt(w, Long.MAX_VALUE, all, 3)).isEqualTo(2000);
        assertThat(Analysis.detectedAt(w, Long.MAX_VALUE, all, List.of())).isEqualTo(-1);
    }

    @Test
    void everyProbeMustRecoverAndAnOpenWindowHasNoRecovery() {
        FaultWindow w = new FaultWindow(1, 0, 1000L * 1_000_000);
        List<Sample> all = new ArrayList<>();
        all.addAll(run("a", 1000, 100, 0, H, H, H));
        all.addAll(run("b", 1000, 100, 0, F, F, F, H, H, H));
        assertThat(Analysis.recoveredAt(w, Long.MAX_VALUE, all, 3)).isEqualTo(1300);
        assertThat(Analysis.recoveredAt(new FaultWindow(1, 0, -1), Long.MAX_VALUE, all, 3)).isEqualTo(-1);
        assertThat(Analysis.recoveredAt(w, Long.MAX_VALUE, run("a", 1000, 100, 0, H, F, H), 3)).isEqualTo(-1);
    }

    @Test
    void unrecoveredEpisodeFailsTheMttrCheck() {
        FaultWindow w = new FaultWindow(1, 0, 1000L * 1_000_000);
        List<Sample> all = run("a", 0, 100, 1, F, F, F, F, F, F, F, F, F, F);
        all.addAll(run("a", 1000, 100, 0, F, F));
        List<EpisodeResult> eps = Analysis.episodes(List.of(w), List.of(List.of("x")), List.of(1L), all, List.of(),
                3, true);
        List<SloCheck> checks = SloEvaluator.evaluate(SloTargets.defaults(), true,
                PhaseStats.of("baseline", List.of()), PhaseStats.of("fault window", all.subList(0, 10)), eps);
        assertThat(checks).extracting(SloCheck::metric).containsExactly("MTTR", "recovery time", "error rate",
                "availability", "latency degradation");
        assertThat(checks.get(0).measured()).isEqualTo("not recovered (1 of 1 episodes)");
        assertThat(checks.get(2).describe()).isEqualTo("error rate (fault window) was 100.0%, target <= 5.0%");
        assertThat(checks).filteredOn(SloCheck::failed).hasSize(4);
    }

    @Test
    void phaseStatsCountFallbacksAsAvailable() {
        PhaseStats p = PhaseStats.of("w", run("a", 0, 10, 1, H, D, D, F));
        assertThat(p.errorRate()).isEqualTo(0.25);
        assertThat(p.availability()).isEqualTo(0.75);
        assertThat(p.successRate()).isEqualTo(0.25);
    }

    @Test
    void abortConditionsOverASlidingWindow() {
        List<Sample> all = new ArrayList<>(run("a", 0, 100, 0, F, F, F, F));       // baseline failures never count
        all.addAll(run("a", 1000, 100, 1, H, H, F, F, F));
        long now = 1500L * 1_000_000;
        assertThat(AbortWatch.evaluate(new AbortCondition.ErrorRate(0.5, Duration.ofSeconds(5), null, 3), all, now))
                .isEqualTo("60.0% (3 of 5 samples)");
        assertThat(AbortWatch.evaluate(new AbortCondition.ErrorRate(0.7, Duration.ofSeconds(5), null, 3), all, now))
                .isNull();
        assertThat(AbortWatch.evaluate(new AbortCondition.ErrorRate(0.5, Duration.ofMillis(350), null, 3), all, now))
                .isEqualTo("100.0% (3 of 3 samples)");
        assertThat(AbortWatch.evaluate(new AbortCondition.ConsecutiveFailures("a", 3), all, now))
                .isEqualTo("3 failures in a row");
        assertThat(AbortWatch.evaluate(new AbortCondition.ConsecutiveFailures("a", 4), all, now)).isNull();
        assertThat(AbortWatch.evaluate(new AbortCondition.Latency(95, Duration.ofMillis(4), Duration.ofSeconds(5),
                "a", 3), all, now)).isEqualTo("5 ms over 5 samples");
        assertThat(AbortWatch.evaluate(new AbortCondition.Latency(95, Duration.ofMillis(5), Duration.ofSeconds(5),
                "a", 3), all, now)).isNull();
    }

    @Test
    void fleetSelectionIsReproducible() {
        assertThat(Fleet.count("50%", 2)).isEqualTo(1);
        assertThat(Fleet.count("30%", 10)).isEqualTo(3);
        assertThat(Fleet.count("1%", 10)).isEqualTo(1);
        assertThat(Fleet.count(null, 4)).isEqualTo(4);
        assertThat(Fleet.count("2", 4)).isEqualTo(2);
        assertThat(Fleet.choose(10, 3, 42)).isEqualTo(Fleet.choose(10, 3, 42)).hasSize(3);
        assertThat(Fleet.choose(10, 10, 1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fleet.count("5", 4))
                .hasMessage("--instances 5: must be within 1..4 (the number of targets)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fleet.count("0%", 4))
                .hasMessage("--instances 0%: a percentage is within 0%..100% and above 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fleet.count("half", 4))
                .hasMessage("--instances half: expected a count (2) or a percentage (30%)");
    }

    @Test
    void leasesNeverLengthenTheSpecsOwnDuration() {
        assertThat(SpecOptions.withLease("custom name=x -> exception", Duration.ofSeconds(7)))
                .isEqualTo("custom name=x -> exception for=7000ms");
        assertThat(SpecOptions.withLease("custom name=x -> exception for=2s", Duration.ofSeconds(7)))
                .isEqualTo("custom name=x -> exception for=2s for=2000ms");
        assertThat(SpecOptions.withLease("custom name=x -> exception for=1h", Duration.ofSeconds(7)))
                .endsWith(" for=7000ms");
        // a for= inside a quoted message or a fault argument is not an option
        assertThat(SpecOptions.declaredFor("custom name=x -> exception(\"wait for=1s\")")).isNull();
        assertThat(SpecOptions.declaredFor("custom name=\"a->b\" -> delay(1s) p=0.5 for=3m"))
                .isEqualTo(Duration.ofMinutes(3));
    }
}
