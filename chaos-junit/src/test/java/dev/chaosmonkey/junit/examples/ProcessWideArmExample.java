package dev.chaosmonkey.junit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.FaultScope;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit: what ChaosControl.arm does with process-wide faults, scoped and GLOBAL. */
public class ProcessWideArmExample {

    @Test
    @ChaosExperiment(baseline = "10ms")
    void scopedExperimentRefusesAResourceFault(ChaosControl chaos) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> chaos.arm("resource -> threads(count=1)"));
        assertTrue(e.getMessage().contains("acts on the whole process"), e.getMessage());
        assertTrue(chaos.armedRules().isEmpty(), "nothing half-armed");
        String id = chaos.arm("custom name=x -> delay(1ms)");
        assertEquals(chaos.scope(), chaos.monkey().rule(id).map(RuleInfo::getScope).orElseThrow());
        chaos.disarm(id);
    }

    @Test
    @ChaosExperiment(baseline = "10ms", scope = FaultScope.GLOBAL)
    void globalExperimentArmsProcessWide(ChaosControl chaos) {
        String id = chaos.arm("custom name=x -> delay(1ms)");
        assertNull(chaos.monkey().rule(id).map(RuleInfo::getScope).orElse(null));
        chaos.disarm(id);
        chaos.disarm(chaos.arm("resource -> threads(count=1)"));
    }
}
