package dev.chaosmonkey.spring.app;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatCircuitBreaker;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SteadyStateProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A chaos-junit experiment inside a @SpringBootTest: the experiment arms its fault on ChaosMonkey.global(), which is
 * the starter's ChaosMonkey bean, so the RestClient interceptor of the real application injects it; Resilience4j's
 * annotated breaker opens, the fallback serves, and the service recovers after the fault window.
 */
@OrderServiceTest
class ChaosExperimentInSpringBootTest extends AppTestSupport {

    @Autowired
    InventoryClient inventory;
    @Autowired
    CircuitBreakerRegistry registry;

    CircuitBreaker breaker;

    @BeforeEach
    void resetBreaker() {
        breaker = registry.circuitBreaker("inventory");
        breaker.reset();
    }

    @SteadyStateProbe
    ProbeOutcome stockOfSku5() {
        return inventory.stock("sku-5").startsWith("cached:") ? ProbeOutcome.DEGRADED : ProbeOutcome.HEALTHY;
    }

    @Test
    @Slo(maxErrorRate = 0.0, maxRecovery = "20s", maxMttr = "20s")
    @ChaosExperiment(hypothesis = "When inventory answers 503, the breaker opens, the cached stock answers, and the"
            + " service is healthy again after the fault", baseline = "300ms", faultWindow = "600ms",
            sampleInterval = "25ms", recoveryTimeout = "30s")
    @Fault("http path=/inventory/sku-5 -> status(503)")
    void inventoryOutageOpensTheAnnotatedBreakerAndRecovers(ChaosControl chaos) {
        assertThatCircuitBreaker(breaker).passedThrough(CLOSED, OPEN).isInState(CLOSED);
        assertThatExperiment(chaos.result()).servedFallback().injectedAtLeast(4)
                .recoveredWithin(Duration.ofSeconds(20)).hasFaultWindowErrorRateAtMost(0.0);
    }
}
