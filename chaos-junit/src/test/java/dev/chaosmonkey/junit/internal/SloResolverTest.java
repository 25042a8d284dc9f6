package dev.chaosmonkey.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SloTargets;

class SloResolverTest {

    @Slo(maxErrorRate = 0.2)
    @Slo(environment = "prod", maxErrorRate = 0.01, maxMttr = "5s")
    static class Annotated {
        @Slo(minAvailability = 0.5)
        void method() {
        }
    }

    private static List<Slo> classSlos() {
        return List.of(Annotated.class.getAnnotationsByType(Slo.class));
    }

    private static List<Slo> methodSlos() throws NoSuchMethodException {
        return List.of(Annotated.class.getDeclaredMethod("method").getAnnotationsByType(Slo.class));
    }

    @Test
    void defaultsWithoutOverrides() {
        SloTargets t = new SloResolver(Map.<String, String>of()::get).resolve(null, List.of(), List.of());
        assertThat(t).isEqualTo(new SloTargets(Duration.ofSeconds(30), Duration.ofSeconds(10), 0.05, 0.95,
                Duration.ofMillis(500)));
    }

    @Test
    void environmentPropertiesOverrideGeneralProperties() {
        Map<String, String> props = Map.of("chaos.slo.max-mttr", "20s", "chaos.slo.staging.max-mttr", "12s",
                "chaos.slo.staging.max-latency-degradation", "800ms", "chaos.slo.prod.max-mttr", "1s");
        SloTargets staging = new SloResolver(props::get).resolve("staging", List.of(), List.of());
        assertThat(staging.maxMttr()).isEqualTo(Duration.ofSeconds(12));
        assertThat(staging.maxLatencyDegradation()).isEqualTo(Duration.ofMillis(800));
        SloTargets dev = new SloResolver(props::get).resolve("dev", List.of(), List.of());
        assertThat(dev.maxMttr()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void annotationsOverridePropertiesAndEnvironmentSpecificOnesWin() throws Exception {
        Map<String, String> props = Map.of("chaos.slo.max-error-rate", "0.1");
        SloTargets dev = new SloResolver(props::get).resolve("dev", classSlos(), methodSlos());
        assertThat(dev.maxErrorRate()).isEqualTo(0.2);
        assertThat(dev.minAvailability()).isEqualTo(0.5);
        assertThat(dev.maxMttr()).isEqualTo(SloTargets.DEFAULT_MAX_MTTR);
        SloTargets prod = new SloResolver(props::get).resolve("prod", classSlos(), methodSlos());
        assertThat(prod.maxErrorRate()).isEqualTo(0.01);
        assertThat(prod.maxMttr()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void malformedValuesAreNamed() {
        assertThatThrownBy(() -> new SloResolver(Map.of("chaos.slo.prod.max-error-rate", "5%")::get)
                .resolve("prod", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chaos.slo.prod.max-error-rate must be a ratio within 0..1 (e.g. 0.05), was 5%");
        assertThatThrownBy(() -> new SloResolver(Map.of("chaos.slo.max-recovery", "soon")::get)
                .resolve(null, List.of(), List.of()))
                .hasMessageStartingWith("chaos.slo.max-recovery 'soon' is not a duration");
    }
}
