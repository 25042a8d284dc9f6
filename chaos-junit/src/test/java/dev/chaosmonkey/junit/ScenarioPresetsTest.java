package dev.chaosmonkey.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

/** Intensity and scenario presets applied to declared faults. */
@LightIntensity
class ScenarioPresetsTest {

    @SteadyStateProbe
    boolean search() {
        try {
            ChaosMonkey.global().check("search");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @StressScenario
    @ChaosExperiment(faultWindow = "150ms", baseline = "100ms", sampleInterval = "10ms")
    @Fault("custom name=search -> exception(java.net.ConnectException) seed=1")
    @Fault("custom name=search -> delay(1ms) p=1.0")
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    void stressRunsThreeEpisodesAndLightIntensityLowersUnsetProbabilities(ChaosControl chaos) {
        ExperimentResult result = chaos.result();
        assertThat(result.episodes()).hasSize(3).allSatisfy(e -> {
            assertThat(e.faults()).hasSize(2);
            assertThat(e.faults().get(0)).contains("p=0.25");
            assertThat(e.faults().get(1)).as("an explicit p= is kept").doesNotContain("p=0.25");
            assertThat(e.recovered()).isTrue();
        });
        assertThat(result.mttr()).isPresent();
    }

    @RepeatedTest(2)
    @ChaosExperiment(faultWindow = "100ms", baseline = "50ms", sampleInterval = "10ms")
    @Fault("custom name=search -> exception(java.net.ConnectException) p=1.0")
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    void repeatedTestsRunOneExperimentPerRepetition(ChaosControl chaos) {
        assertThat(chaos.result().episodes()).singleElement()
                .satisfies(e -> assertThat(e.injections()).isPositive());
        assertThat(chaos.result().faultWindow().failed()).isPositive();
    }
}
