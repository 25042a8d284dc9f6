package dev.chaosmonkey.junit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chaosmonkey.core.ChaosScope;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import org.junit.jupiter.api.RepeatedTest;

/** Run through EngineTestKit: each repetition is an experiment with a scope of its own. */
public class RepeatedScopesExample {
    /** The scope each repetition's body ran in. */
    public static final List<String> SCOPES = new CopyOnWriteArrayList<>();

    @RepeatedTest(2)
    @ChaosExperiment(baseline = "10ms")
    void repeated(ChaosControl chaos) {
        assertEquals(chaos.scope(), ChaosScope.current().name(), "the body runs in the experiment's scope");
        SCOPES.add(chaos.scope());
    }
}
