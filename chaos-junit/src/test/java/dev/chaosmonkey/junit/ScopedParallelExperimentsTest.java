package dev.chaosmonkey.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.examples.ScopedParallelExamples;
import dev.chaosmonkey.junit.internal.ReportWriter;

/**
 * Two experiments whose faults are all scoped run at the same time under JUnit's parallel execution, fault the same
 * point, and each sees only its own faults; a caller outside both scopes sees none.
 */
@ResourceLock(ChaosExperiment.GLOBAL_CHAOS_LOCK)
class ScopedParallelExperimentsTest {

    @BeforeEach
    void chaosOff() {
        ChaosMonkey.global().disarmAll();
        ChaosMonkey.global().disable();
        ScopedParallelExamples.reset();
    }

    @Test
    void twoScopedExperimentsRunAtOnceEachSeeingOnlyItsOwnFaultsAndBothPassTheirSlos() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong bystanderCalls = new AtomicLong();
        AtomicLong bystanderInjected = new AtomicLong();
        Thread bystander = new Thread(() -> {
            // a caller on a thread neither experiment started: outside both scopes
            for (long i = 0; i < 1_000_000 && !done.get(); i++) {
                try {
                    ChaosMonkey.global().check("inventory", ConnectException.class);
                } catch (ConnectException e) {
                    bystanderInjected.incrementAndGet();
                }
                bystanderCalls.incrementAndGet();
                LockSupport.parkNanos(1_000_000); // pacing, not synchronisation
            }
        }, "bystander");
        bystander.setDaemon(true);
        bystander.start();
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                    .selectors(selectClass(ScopedParallelExamples.ScopedA.class),
                            selectClass(ScopedParallelExamples.ScopedB.class))
                    .execute();
        } finally {
            done.set(true);
            bystander.join(10_000);
        }

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(ScopedParallelExamples.bothArmed.getCount()).as("both faults were armed at the same time")
                .isZero();
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("chaos.slo")).contains("error rate=0.0% (passed)", "availability=100.0% (passed)")
                    .doesNotContain("(failed)");
            assertThat(e.get("chaos.scope")).endsWith("(shared)");
        });

        for (String side : List.of("A", "B")) {
            String other = side.equals("A") ? "B" : "A";
            Map<String, AtomicLong> seen = ScopedParallelExamples.SEEN.get(side);
            assertThat(seen).as("%s saw only its own faults", side).containsOnlyKeys(side + " down");
            String json = Files.readString(report("Scoped" + side + ".outage" + side));
            long injected = Long.parseLong(group(json, "\"injections\": (\\d+)"));
            assertThat(seen.get(side + " down").get()).as("every injection of %s's rules reached %s's calls", side,
                    side).isEqualTo(injected);
            assertThat(injected).as("declared window (probe) and programmatic window (body)")
                    .isGreaterThan(ScopedParallelExamples.BODY_CALLS);
            String scope = group(json, "\"scope\": \"([^\"]+)\"");
            assertThat(scope).startsWith("Scoped" + side + ".outage" + side + "-")
                    .isEqualTo(ScopedParallelExamples.SCOPES.get(side))
                    .isNotEqualTo(ScopedParallelExamples.SCOPES.get(other));
            assertThat(json).contains("\"exclusive\": false", "scope=" + scope);
        }
        assertThat(bystanderCalls.get()).as("the bystander ran during the experiments").isPositive();
        assertThat(bystanderInjected.get()).as("no scoped fault reached a caller outside the scopes").isZero();
        assertThat(ChaosMonkey.global().rules()).isEmpty();
        assertThat(ChaosMonkey.global().isEnabled()).as("the last experiment restored the enabled state").isFalse();
    }

    private static Path report(String name) {
        return ReportWriter.directory().resolve(name + ".json");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text.length() > 300 ? text.substring(0, 300) : text).isTrue();
        return m.group(1);
    }
}
