package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatCircuitBreaker;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatTimeLimiter;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.ProbeSample;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SmokeScenario;
import dev.chaosmonkey.junit.StandardScenario;

/**
 * Network delay on the inventory calls: light (50 ms) and medium (200 ms) stay under the 400 ms time limiter, so every
 * answer is live and only latency grows; heavy (500 ms) makes the time limiter cut every call, the retry try again and
 * the breaker open, so the cache answers and the latency stays bounded by the time limiter instead of the network.
 */
@ChaosExperiment(scope = FaultScope.GLOBAL,
        hypothesis = "Inventory latency degrades the service within its latency SLO", probe = "stock",
        baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms", recoveryTimeout = "20s")
class NetworkDelayExperimentIT extends OrderServiceExperimentSupport {

    @Test
    @SmokeScenario
    @ChaosExperiment(hypothesis = "50 ms more per inventory call: live answers, latency within the SLO",
            probe = "stock", baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms")
    @Fault("http path=/api/inventory/* -> delay(50ms)")
    void lightDelayOnlyAddsLatency(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThat(result.faultWindow().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThatCircuitBreaker(breaker).isInState(CLOSED);
        assertThatExperiment(result).injectedAtLeast(5).hasFaultWindowErrorRateAtMost(0.0);
        assertThat(result.faultWindow().degraded()).as("answers from the cache").isZero();
    }

    @Test
    @StandardScenario
    @Slo(maxLatencyDegradation = "750ms")
    @ChaosExperiment(hypothesis = "200 ms more per inventory call: still under the time limiter, live answers",
            probe = "stock", baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms")
    @Fault("http path=/api/inventory/* -> delay(200ms)")
    void mediumDelayStaysUnderTheTimeLimiter(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThat(result.faultWindow().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThatExperiment(result).injectedAtLeast(3).hasFaultWindowErrorRateAtMost(0.0);
        assertThatCircuitBreaker(breaker).isInState(CLOSED);
    }

    @Test
    @StandardScenario
    @Slo(maxLatencyDegradation = "2s")
    @ChaosExperiment(hypothesis = "500 ms more per inventory call: the time limiter cuts calls, the retry tries"
            + " again, the breaker opens and the cache answers", probe = "stock", baseline = "500ms",
            sampleInterval = "50ms", faultWindow = "3s", recoveryTimeout = "20s")
    @Fault("http path=/api/inventory/* -> delay(500ms)")
    void heavyDelayIsCutByTheTimeLimiterAndTheBreakerOpens(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThatTimeLimiter(timeLimiter).timedOutAtLeast(2);
        assertThatCircuitBreaker(breaker).passedThrough(CLOSED, OPEN).isInState(CLOSED);
        assertThatExperiment(result).servedFallback().hasFaultWindowErrorRateAtMost(0.0)
                .recoveredWithin(Duration.ofSeconds(10));
        // 3 attempts of at most 400 ms each (plus waits): the time limiter, not the network, bounds a request
        long slowest = result.samples().stream().filter(ProbeSample::duringFault)
                .mapToLong(s -> (long) s.latencyMillis()).max().orElseThrow();
        assertThat(slowest).isLessThan(3_000);
    }
}
