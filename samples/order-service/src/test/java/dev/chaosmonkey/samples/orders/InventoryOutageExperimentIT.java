package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatCircuitBreaker;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatRetry;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.SmokeScenario;
import dev.chaosmonkey.junit.StandardScenario;

/**
 * Dependency failure: the inventory service answers 503 or refuses connections (through the agent, at the JDK
 * HttpClient under Spring's RestClient). The retry tries again, the breaker opens, the cached stock answers, and once
 * the inventory is back the breaker closes again through half-open.
 */
@ChaosExperiment(scope = FaultScope.GLOBAL,
        hypothesis = "When the inventory service fails, the breaker opens, cached stock answers and the"
        + " service is live again within the SLO", probe = "stock", baseline = "500ms", sampleInterval = "50ms",
        faultWindow = "1500ms", recoveryTimeout = "20s")
class InventoryOutageExperimentIT extends OrderServiceExperimentSupport {

    @Test
    @SmokeScenario
    @ChaosExperiment(hypothesis = "Inventory answering 503 opens the breaker, the cache answers, the breaker closes"
            + " again", probe = "stock", baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms",
            recoveryTimeout = "20s")
    @Fault("http path=/api/inventory/* -> status(503)")
    void inventory503OpensTheBreakerAndTheCacheAnswers(ChaosControl chaos) {
        assertBreakerCycleWithCachedAnswers(chaos);
    }

    @Test
    @StandardScenario
    @ChaosExperiment(hypothesis = "Inventory refusing connections opens the breaker, the cache answers, the breaker"
            + " closes again", probe = "stock", baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms",
            recoveryTimeout = "20s")
    @Fault("http path=/api/inventory/* -> exception(java.net.ConnectException, \"Connection refused\")")
    void refusedConnectionsOpenTheBreakerAndTheCacheAnswers(ChaosControl chaos) {
        assertBreakerCycleWithCachedAnswers(chaos);
    }

    private void assertBreakerCycleWithCachedAnswers(ChaosControl chaos) {
        assertThatCircuitBreaker(breaker)
                .passedThrough(CLOSED, OPEN, HALF_OPEN, CLOSED)
                .hasNotPermittedCallsAtLeast(1)
                .isInState(CLOSED);
        assertThatRetry(retry).retriedAtLeast(1);
        assertThatExperiment(chaos.result())
                .servedFallback()
                .injectedAtLeast(4)
                .hasFaultWindowErrorRateAtMost(0.0)
                .recoveredWithin(Duration.ofSeconds(10));
    }
}
