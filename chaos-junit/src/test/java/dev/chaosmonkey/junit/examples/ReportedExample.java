package dev.chaosmonkey.junit.examples;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.SteadyStateProbe;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: a passing experiment whose reports are checked. */
public class ReportedExample {

    @SteadyStateProbe
    ProbeOutcome checkout() {
        try {
            ChaosMonkey.global().check("checkout");
            return ProbeOutcome.HEALTHY;
        } catch (Exception e) {
            return ProbeOutcome.DEGRADED;
        }
    }

    @Test
    @ChaosExperiment(hypothesis = "checkout degrades <gracefully> & recovers", faultWindow = "600ms",
            baseline = "300ms", sampleInterval = "20ms")
    @Fault("custom name=checkout -> delay(20ms..60ms) p=0.5 seed=3")
    @Fault("custom name=checkout -> exception(java.net.ConnectException) p=0.6 seed=4")
    void checkoutDegradesGracefully() {
    }
}
