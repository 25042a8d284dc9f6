package dev.chaosmonkey.junit.examples;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SteadyStateProbe;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: the same outage as {@link SloViolationExample}, with relaxed targets. */
public class SloOverrideExample {

    @SteadyStateProbe
    void payments() {
        ChaosMonkey.global().check("payments");
    }

    @Test
    @ChaosExperiment(faultWindow = "300ms", baseline = "200ms", sampleInterval = "20ms")
    @Fault("custom name=payments -> exception(java.net.ConnectException)")
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    @Slo(environment = "no-such-environment", maxMttr = "1ms")
    void outageToleratedByRelaxedSlo() {
    }
}
