package dev.chaosmonkey.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.examples.BadSpecExample;
import dev.chaosmonkey.junit.examples.FailingBodyExample;
import dev.chaosmonkey.junit.examples.ParallelExamples;
import dev.chaosmonkey.junit.examples.ProcessWideArmExample;
import dev.chaosmonkey.junit.examples.RepeatedScopesExample;
import dev.chaosmonkey.junit.examples.SloOverrideExample;
import dev.chaosmonkey.junit.examples.SloViolationExample;

/** The extension driven through the JUnit Platform, as a build would run it. */
@ResourceLock(ChaosExperiment.GLOBAL_CHAOS_LOCK)
class ChaosExperimentExtensionTest {

    @BeforeEach
    void chaosOff() {
        ChaosMonkey.global().disarmAll();
        ChaosMonkey.global().disable();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    @Test
    void sloViolationFailsWithMetricTargetAndMeasuredValue() {
        EngineExecutionResults results = run(SloViolationExample.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("paymentsWithoutFallback"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("chaos experiment SloViolationExample.paymentsWithoutFallback"
                                + " violated its SLO: error rate (fault window) was 100.0%, target <= 5.0%;"
                                + " availability (fault window) was 0.0%, target >= 95.0% [report: ")))));
        assertThat(ChaosMonkey.global().rules()).isEmpty();
        assertThat(ChaosMonkey.global().isEnabled()).as("previous enabled state restored").isFalse();
    }

    @Test
    void sloOverridesOnTheTestRelaxTheTargets() {
        EngineExecutionResults results = run(SloOverrideExample.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.get("chaos.slo")).contains("error rate=100.0% (passed)", "availability=0.0% (passed)",
                    "MTTR=");
            assertThat(e.get("chaos.report")).endsWith("SloOverrideExample.outageToleratedByRelaxedSlo.html");
            assertThat(e.get("chaos.mttr")).isNotEqualTo("n/a");
        });
    }

    @Test
    void faultsAreDisarmedAndStateRestoredWhenTheTestFails() {
        ChaosMonkey.global().enable();
        try {
            EngineExecutionResults results = run(FailingBodyExample.class);

            results.testEvents().assertStatistics(s -> s.started(2).failed(2));
            results.testEvents().assertThatEvents()
                    .haveExactly(1, event(test("failsAfterDeclaredEpisode"),
                            finishedWithFailure(message("body failed with faults armed"))))
                    .haveExactly(1, event(test("failsWhileProgrammaticFaultArmed"),
                            finishedWithFailure(instanceOf(IllegalStateException.class), message("body crashed"))));
            assertThat(ChaosMonkey.global().rules()).as("no rule survives a failed experiment").isEmpty();
            assertThat(ChaosMonkey.global().isEnabled()).as("was enabled before, stays enabled").isTrue();
        } finally {
            ChaosMonkey.global().disable();
        }
    }

    @Test
    void badFaultSpecIsAConfigurationErrorNamingTheProblem() {
        EngineExecutionResults results = run(BadSpecExample.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("unknownFault"), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("bad @Fault on BadSpecExample.unknownFault: invalid fault spec at"
                                + " column ") && m.contains("explode") && m.endsWith(
                                        "in: custom name=payments -> explode(now)")))))
                .haveExactly(1, event(test("badWindow"), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("bad chaos experiment settings on BadSpecExample.badWindow: @ChaosExperiment"
                                + " faultWindow 'two seconds' is not a duration: use a whole number followed by ms,"
                                + " s, m or h, e.g. 500ms or 2s"))));
        assertThat(ChaosMonkey.global().rules()).isEmpty();
    }

    @Test
    void controlArmsAreScopedAndAResourceFaultIsRefusedWhileTheLockIsShared() {
        EngineExecutionResults results = run(ProcessWideArmExample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(ChaosMonkey.global().rules()).isEmpty();
    }

    @Test
    void eachRepetitionRunsInAScopeOfItsOwnThatEndsWithIt() {
        RepeatedScopesExample.SCOPES.clear();
        EngineExecutionResults results = run(RepeatedScopesExample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(RepeatedScopesExample.SCOPES).hasSize(2).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("RepeatedScopesExample\\.repeated-[12]-\\d+"));
        assertThat(dev.chaosmonkey.core.ChaosScope.current()).as("closed on the test thread").isNull();
    }

    @Test
    void experimentsWithProcessWideFaultsRunAloneInParallelRunsWhileOthersOverlap() {
        ParallelExamples.INTERVALS.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ParallelExamples.ExperimentA.class),
                        selectClass(ParallelExamples.ExperimentB.class),
                        selectClass(ParallelExamples.ExperimentC.class),
                        selectClass(ParallelExamples.ExperimentD.class),
                        selectClass(ParallelExamples.Plain.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        Map<String, long[]> runs = ParallelExamples.INTERVALS;
        assertThat(runs).containsOnlyKeys("scoped", "global", "resource", "unscoped-fault", "plain-one",
                "plain-two");
        assertThat(overlap(runs.get("plain-one"), runs.get("plain-two"))).as("the run is parallel").isTrue();
        for (String alone : List.of("global", "resource", "unscoped-fault")) {
            runs.forEach((other, interval) -> {
                if (!other.equals(alone) && !other.startsWith("plain")) {
                    assertThat(overlap(runs.get(alone), interval))
                            .as("%s holds the chaos lock exclusively, yet overlapped %s", alone, other).isFalse();
                }
            });
        }
        assertThat(ChaosMonkey.global().rules()).isEmpty();
        assertThat(ChaosMonkey.global().isEnabled()).as("previous enabled state restored").isFalse();
    }

    private static boolean overlap(long[] a, long[] b) {
        return a[0] < b[1] && b[0] < a[1];
    }
}
