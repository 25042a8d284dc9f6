package dev.chaosmonkey.junit.examples;

import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: malformed declarations. */
public class BadSpecExample {

    @Test
    @ChaosExperiment
    @Fault("custom name=payments -> explode(now)")
    void unknownFault() {
    }

    @Test
    @ChaosExperiment(faultWindow = "two seconds")
    @Fault("custom name=payments -> delay(5ms)")
    void badWindow() {
    }
}
