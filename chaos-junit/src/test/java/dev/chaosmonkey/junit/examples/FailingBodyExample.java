package dev.chaosmonkey.junit.examples;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: tests that fail while faults are armed. */
public class FailingBodyExample {

    @Test
    @ChaosExperiment(faultWindow = "100ms", baseline = "50ms")
    @Fault("custom name=payments -> delay(5ms)")
    void failsAfterDeclaredEpisode(ChaosControl chaos) {
        chaos.arm("custom name=orders -> exception(java.net.ConnectException)");
        throw new AssertionError("body failed with faults armed");
    }

    @Test
    @ChaosExperiment(baseline = "50ms")
    void failsWhileProgrammaticFaultArmed(ChaosControl chaos) {
        chaos.arm("jdbc sql~\"(?i)select\" -> exception(java.sql.SQLTransientConnectionException)");
        throw new IllegalStateException("body crashed");
    }
}
