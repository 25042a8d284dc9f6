package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.LightIntensity;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.ProbeSample;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SmokeScenario;
import dev.chaosmonkey.junit.StandardScenario;

/**
 * Database downtime, through the agent at the JDBC driver under HikariCP and Hibernate. Light: a quarter of the
 * queries fail (a flapping database). Heavy: every statement fails. Either way a failing request answers 503
 * "database unavailable" at once instead of hanging, the pool keeps its connections (none leaks, none stays busy) and
 * the service is fully back right after.
 */
@ChaosExperiment(scope = FaultScope.GLOBAL,
        hypothesis = "While the database fails, requests fail fast with a clear error and the service"
        + " recovers fully", probe = "orderLookup", baseline = "500ms", sampleInterval = "50ms",
        faultWindow = "1500ms", recoveryTimeout = "20s")
class DatabaseDowntimeExperimentIT extends OrderServiceExperimentSupport {

    @Test
    @SmokeScenario
    @LightIntensity
    @Slo(maxErrorRate = 0.6, minAvailability = 0.4)
    @ChaosExperiment(hypothesis = "A quarter of the queries failing: those requests fail fast and clearly, the"
            + " others answer", probe = "orderLookup", baseline = "500ms", sampleInterval = "50ms",
            faultWindow = "1500ms", recoveryTimeout = "20s")
    @Fault("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"database down\")")
    void lightDowntimeFailsSomeRequestsFast(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThatExperiment(result).injectedAtLeast(1).recoveredWithin(Duration.ofSeconds(10));
        assertThat(result.faultWindow().healthy()).as("requests that still answer").isPositive();
        assertFailuresAreFastAndClear(result);
        assertPoolIntact();
    }

    @Test
    @StandardScenario
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    @ChaosExperiment(hypothesis = "Every statement failing: every request fails fast with 503 database unavailable,"
            + " and the service recovers fully", probe = "orderLookup", baseline = "500ms",
            sampleInterval = "50ms", faultWindow = "1500ms", recoveryTimeout = "20s")
    @Fault("jdbc operation!=connect -> exception(java.sql.SQLTransientConnectionException, \"database down\")")
    void heavyDowntimeFailsEveryRequestFastAndRecovers(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThatExperiment(result).injectedAtLeast(5).recoveredWithin(Duration.ofSeconds(10));
        assertThat(result.faultWindow().failed()).as("failed samples").isGreaterThanOrEqualTo(5);
        assertFailuresAreFastAndClear(result);
        assertPoolIntact();
    }

    private static void assertFailuresAreFastAndClear(ExperimentResult result) {
        List<ProbeSample> failures = result.samples().stream()
                .filter(s -> s.outcome() == ProbeOutcome.FAILED).toList();
        assertThat(failures).isNotEmpty().allSatisfy(s -> {
            assertThat(s.error()).contains("503", ApiErrorHandler.DATABASE_UNAVAILABLE, "database down");
            // no waiting on a dead database: a failure costs about what a success costs (generous for a busy CI)
            assertThat(s.latencyMillis()).isLessThan(1_000);
        });
    }

    private void assertPoolIntact() {
        var pool = pool().getHikariPoolMXBean();
        // the outbox relay borrows a connection every 100 ms: wait for a moment with none borrowed (none leaked)
        await("every connection back in the pool").atMost(Duration.ofSeconds(10))
                .until(() -> pool.getActiveConnections() == 0);
        assertThat(pool.getTotalConnections()).as("connections in the pool").isPositive();
    }
}
