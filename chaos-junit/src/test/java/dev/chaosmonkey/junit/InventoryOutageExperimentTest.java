package dev.chaosmonkey.junit;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatCircuitBreaker;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatRetry;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN;
import static io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.service.ServiceFixture;
import dev.chaosmonkey.junit.service.StockAnswer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * Real experiments against {@link dev.chaosmonkey.junit.service.InventoryService}: WireMock over the JDK HttpClient,
 * H2 over JDBC, Resilience4j CircuitBreaker + Retry + cache fallback; faults through custom and manually decided
 * method points (no agent). These are the README's examples.
 */
@ChaosExperiment(hypothesis = "When the inventory service refuses connections, the breaker opens, the cached stock"
        + " answers and the service is healthy again within the SLO", baseline = "300ms", sampleInterval = "25ms")
class InventoryOutageExperimentTest {

    ServiceFixture fixture;
    CircuitBreaker breaker;
    Retry retry;

    @BeforeEach
    void startService() throws Exception {
        fixture = new ServiceFixture();
        breaker = fixture.breaker;
        retry = fixture.retry;
    }

    @AfterEach
    void stopService() throws Exception {
        fixture.close();
    }

    @SteadyStateProbe
    ProbeOutcome stockOfSku1() {
        StockAnswer answer = fixture.service.stock("sku-1");
        assertThat(answer.quantity()).isEqualTo(42);
        return answer.fromFallback() ? ProbeOutcome.DEGRADED : ProbeOutcome.HEALTHY;
    }

    @Test
    @SmokeScenario
    @ChaosExperiment(hypothesis = "A 400 ms inventory outage opens the breaker once; the cache answers; it closes again",
            faultWindow = "400ms", baseline = "300ms", sampleInterval = "25ms")
    @Fault("custom name=inventory -> exception(java.net.ConnectException, \"inventory down\")")
    void breakerOpensFallbackServesAndServiceRecovers(ChaosControl chaos) {
        assertThatCircuitBreaker(breaker)
                .transitioned(CLOSED, OPEN, HALF_OPEN, CLOSED)
                .hasNotPermittedCalls()
                .isInState(CLOSED);
        assertThatRetry(retry).retriedAtLeast(2);
        ExperimentResult result = chaos.result();
        assertThatExperiment(result)
                .servedFallback()
                .injectedAtLeast(2)
                .detectedWithin(Duration.ofMillis(400))
                .recoveredWithin(Duration.ofSeconds(10))
                .hasFaultWindowErrorRateAtMost(0.0);
        assertThat(result.episodes()).singleElement().satisfies(e -> assertThat(e.recovered()).isTrue());
        assertThat(ChaosMonkey.global().rules()).as("faults are disarmed before the body runs").isEmpty();
    }

    @Test
    @StandardScenario
    void programmaticTwoSecondOutage(ChaosControl chaos) {
        chaos.injectFor(Duration.ofSeconds(2), "custom name=inventory -> exception(java.net.ConnectException)");
        Duration recovery = chaos.awaitRecovery();

        assertThat(recovery).isLessThan(SloTargets.DEFAULT_MAX_RECOVERY);
        // 500 ms in open state within a 2 s window: the breaker probes (HALF_OPEN) and re-opens while the fault lasts
        assertThatCircuitBreaker(breaker)
                .passedThrough(CLOSED, OPEN, HALF_OPEN, OPEN, HALF_OPEN, CLOSED)
                .hasNotPermittedCallsAtLeast(5)
                .isInState(CLOSED);
        assertThatExperiment(chaos.result()).servedFallback();
    }

    @Test
    @ChaosExperiment(hypothesis = "Slow cache writes slow the service down but stay within the latency SLO",
            faultWindow = "1s", baseline = "300ms", sampleInterval = "25ms")
    @Fault("custom name=stock-cache -> delay(150ms)")
    void slowDatabaseStaysWithinLatencySlo(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThat(result.faultWindow().p50().minus(result.baseline().p50()))
                .as("the injected 150 ms show up in the median").isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(result.faultWindow().failed()).isZero();
        assertThatCircuitBreaker(breaker).neverTransitioned();
        assertThatRetry(retry).neverRetried();
    }

    @Test
    @MediumIntensity
    @ChaosExperiment(hypothesis = "Retries hide flaky inventory calls", faultWindow = "1s", baseline = "300ms",
            sampleInterval = "25ms")
    @Fault("method class=dev.chaosmonkey.junit.service.InventoryService method=fetchRemote"
            + " -> exception(java.net.ConnectException) seed=42")
    void retriesMaskFlakyCallsAtMediumIntensity(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThat(result.episodes().get(0).faults()).singleElement().asString().contains("p=0.5");
        assertThatRetry(retry).retriedAtLeast(1);
        assertThat(result.faultWindow().failed()).as("retries and the fallback hide failures").isZero();
    }
}
