package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.StandardScenario;
import dev.chaosmonkey.junit.StressScenario;

/**
 * Memory pressure (a bounded leak plus short-lived garbage) and CPU burn at the light, medium and heavy presets of
 * docs/resource-faults.md, in the service's own JVM, while orders are placed end to end. The service stays up within
 * the default SLOs (error rate at most 5 %, availability at least 95 %, p95 latency at most 500 ms worse). The heavy
 * presets are stress scenarios (three episodes), left out of the default build.
 */
@ChaosExperiment(scope = FaultScope.GLOBAL,
        hypothesis = "Under memory and CPU pressure the service keeps taking orders within its SLO",
        probe = "placeOrder", baseline = "500ms", sampleInterval = "50ms", faultWindow = "1500ms",
        recoveryTimeout = "20s")
class ResourcePressureExperimentIT extends OrderServiceExperimentSupport {

    @Test
    @StandardScenario
    @Fault("resource -> leak(light)")
    @Fault("resource -> gc-pressure(light)")
    void lightMemoryPressure(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    @Test
    @StandardScenario
    @Fault("resource -> leak(medium)")
    @Fault("resource -> gc-pressure(medium)")
    void mediumMemoryPressure(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    @Test
    @StressScenario
    @Fault("resource -> leak(heavy)")
    @Fault("resource -> gc-pressure(heavy)")
    void heavyMemoryPressure(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    @Test
    @StandardScenario
    @Fault("resource -> cpu(light)")
    void lightCpuBurn(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    @Test
    @StandardScenario
    @Fault("resource -> cpu(medium)")
    void mediumCpuBurn(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    @Test
    @StressScenario
    @Fault("resource -> cpu(heavy)")
    void heavyCpuBurn(ChaosControl chaos) {
        assertServiceStayedUp(chaos);
    }

    private void assertServiceStayedUp(ChaosControl chaos) {
        // the SLO check (defaults) runs after the test body; here: the pressure was real and orders kept flowing
        assertThat(chaos.result().faultWindow().samples()).as("samples in the fault window").isGreaterThan(3);
        assertThat(placedOrders).as("orders placed").isNotEmpty();
        assertThatExperiment(chaos.result()).recoveredWithin(Duration.ofSeconds(10));
    }
}
