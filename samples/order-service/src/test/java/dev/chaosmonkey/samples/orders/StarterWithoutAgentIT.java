package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatCircuitBreaker;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SmokeScenario;

/**
 * The same service and experiments without the agent (a failsafe execution of its own, no {@code -javaagent}): the
 * faults reach the inventory client and the database through chaos-spring's wrappers of the {@code RestClient.Builder}
 * and the {@code DataSource} beans.
 */
class StarterWithoutAgentIT extends OrderServiceExperimentSupport {

    /** Only meaningful without the agent: {@code -Dit.test=...} selects it into the agent's execution too. */
    @BeforeEach
    void noAgentHere() throws Exception {
        // the agent sets this in premain; its MBeans come later, from its own thread
        assumeFalse(System.getProperty("dev.chaosmonkey.agent.started") != null, "runs without the agent only");
    }

    @Test
    @SmokeScenario
    @ChaosExperiment(scope = FaultScope.GLOBAL,
            hypothesis = "Without the agent, inventory 503s from the starter's RestClient interceptor open"
            + " the breaker, the cache answers, the breaker closes again", probe = "stock", baseline = "500ms",
            sampleInterval = "50ms", faultWindow = "1500ms", recoveryTimeout = "20s")
    @Fault("http path=/api/inventory/* -> status(503)")
    void inventoryOutageThroughTheStarter(ChaosControl chaos) {
        assertThatCircuitBreaker(breaker).passedThrough(CLOSED, OPEN, CLOSED).isInState(CLOSED);
        assertThatExperiment(chaos.result()).servedFallback().injectedAtLeast(4).hasFaultWindowErrorRateAtMost(0.0)
                .recoveredWithin(Duration.ofSeconds(10));
    }

    @Test
    @SmokeScenario
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    @ChaosExperiment(scope = FaultScope.GLOBAL,
            hypothesis = "Without the agent, statements failing in the starter's DataSource wrapper fail"
            + " requests fast with 503, and the service recovers", probe = "orderLookup", baseline = "500ms",
            sampleInterval = "50ms", faultWindow = "1500ms", recoveryTimeout = "20s")
    @Fault("jdbc operation!=connect -> exception(java.sql.SQLTransientConnectionException, \"database down\")")
    void databaseDowntimeThroughTheStarter(ChaosControl chaos) {
        assertThatExperiment(chaos.result()).injectedAtLeast(5).recoveredWithin(Duration.ofSeconds(10));
        assertThat(chaos.result().samples()).filteredOn(s -> s.outcome() == ProbeOutcome.FAILED).isNotEmpty()
                .allSatisfy(s -> assertThat(s.error()).contains("503", ApiErrorHandler.DATABASE_UNAVAILABLE));
    }
}
