package dev.chaosmonkey.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.experiment.internal.Probes;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Meter and circuit-breaker probes against real Micrometer and Resilience4j (bound as an application would). */
class InProcessProbesTest {
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final AtomicInteger QUEUE = new AtomicInteger();
    private static CircuitBreaker breaker;

    @BeforeAll
    static void bind() {
        Metrics.addRegistry(REGISTRY);
        Metrics.gauge("orders.queue", List.of(io.micrometer.core.instrument.Tag.of("shop", "eu")), QUEUE);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        breaker = breakers.circuitBreaker("inventory");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(Metrics.globalRegistry);
    }

    @AfterAll
    static void unbind() {
        Metrics.removeRegistry(REGISTRY);
    }

    private static Probe probe(String yamlProbe) {
        ExperimentDefinition d = ExperimentFile.parse("""
                name: p
                steadyState:
                  probes:
                    - name: p
                %s
                method:
                  window: 1s
                  faults: ["custom name=x -> exception"]
                """.formatted(yamlProbe), "p.yaml");
        return Probes.create(d.probes().get(0), null, true, Probes.httpClient());
    }

    @Test
    void meterProbeComparesTheMetersValue() throws Exception {
        Probe p = probe("      meter: {name: orders.queue, tags: {shop: eu}, atMost: 10}");
        QUEUE.set(3);
        assertThat(p.sample()).isEqualTo(Probe.Result.HEALTHY);
        QUEUE.set(20);
        assertThat(p.sample()).isEqualTo(Probe.Result.failed("orders.queue value was 20.0, expected atMost 10"));
        assertThat(probe("      meter: {name: orders.queue, tags: {shop: us}, atMost: 10}").sample())
                .isEqualTo(Probe.Result.failed("no meter orders.queue{shop=us}"));
    }

    @Test
    void circuitBreakerProbeFollowsTheBreakersState() throws Exception {
        Probe p = probe("      circuitBreaker: {name: inventory}");
        breaker.transitionToClosedState();
        assertThat(p.sample()).isEqualTo(Probe.Result.HEALTHY);
        breaker.transitionToOpenState();
        assertThat(p.sample()).isEqualTo(Probe.Result.failed("circuit breaker inventory is OPEN"));
        breaker.transitionToHalfOpenState();
        assertThat(p.sample().outcome()).isEqualTo(Outcome.DEGRADED);
        breaker.transitionToClosedState();
    }

    @Test
    void inProcessProbesAreRefusedOutsideTheApplication() {
        ExperimentDefinition d = ExperimentFile.parse("""
                name: p
                steadyState:
                  probes:
                    - name: q
                      meter: {name: orders.queue, atMost: 10}
                method:
                  window: 1s
                  faults: ["custom name=x -> exception"]
                """, "p.yaml");
        assertThatThrownBy(() -> Probes.create(d.probes().get(0), null, false, Probes.httpClient()))
                .hasMessage("probe 'q' (meter) reads the application's Micrometer registry: run the experiment"
                        + " inside the application (JMX ExperimentRunner)");
    }
}
