package dev.chaosmonkey.junit.examples;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.SteadyStateProbe;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: a dependency without any fallback, so every call fails during the fault window. */
public class SloViolationExample {

    @SteadyStateProbe
    void payments() {
        ChaosMonkey.global().check("payments");
    }

    @Test
    @ChaosExperiment(hypothesis = "payments survive a gateway outage", faultWindow = "300ms", baseline = "200ms",
            sampleInterval = "20ms")
    @Fault("custom name=payments -> exception(java.net.ConnectException, \"gateway down\")")
    void paymentsWithoutFallback() {
    }
}
