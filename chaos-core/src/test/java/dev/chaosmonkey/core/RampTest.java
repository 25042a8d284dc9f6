package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code ramp=2m}: the firing probability rises linearly from 0 to its value, on the engine clock. */
class RampTest {
    private final ManualClock clock = new ManualClock();

    private static int fired(ChaosMonkey monkey, int calls) {
        int failures = 0;
        for (int i = 0; i < calls; i++) {
            try {
                monkey.check("ramped");
            } catch (ChaosInjectedException e) {
                failures++;
            }
        }
        return failures;
    }

    @Test
    void probabilityRisesLinearlyOverTheRampThenStays() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true).build())) {
            String spec = "custom name=ramped -> exception p=0.8 ramp=2m";
            String id = monkey.arm(spec);
            assertThat(monkey.rule(id).orElseThrow().getSpec()).isEqualTo(spec);
            assertThat(fired(monkey, 1000)).isZero();
            clock.advance(Duration.ofSeconds(30)); // a quarter: p = 0.2
            assertThat(fired(monkey, 10_000)).isBetween(1_700, 2_300);
            clock.advance(Duration.ofSeconds(60)); // three quarters: p = 0.6
            assertThat(fired(monkey, 10_000)).isBetween(5_600, 6_400);
            clock.advance(Duration.ofMinutes(5)); // done: p = 0.8
            assertThat(fired(monkey, 10_000)).isBetween(7_700, 8_300);
        }
    }

    @Test
    void theRampStartsWhenTheRuleStartsActing() {
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true).build())) {
            monkey.arm("custom name=ramped -> exception after=1m ramp=1m");
            clock.advance(Duration.ofSeconds(61));
            assertThat(fired(monkey, 10_000)).isBetween(0, 400);
            clock.advance(Duration.ofSeconds(29)); // half way
            assertThat(fired(monkey, 10_000)).isBetween(4_500, 5_500);
            clock.advance(Duration.ofMinutes(1));
            assertThat(fired(monkey, 1_000)).isEqualTo(1_000);
        }
    }

    @Test
    void badRampsNameTheirColumn() {
        assertThatThrownBy(() -> ChaosRule.parse("custom -> exception ramp=0s"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> {
                    assertThat(e.getMessage()).contains("ramp must be positive");
                    assertThat(e.column()).isEqualTo(26);
                });
        assertThatThrownBy(() -> ChaosRule.parse("custom -> exception ramp=soon"))
                .isInstanceOfSatisfying(ChaosSpecException.class, e -> assertThat(e.getMessage())
                        .contains("'soon' is not a duration for ramp"));
    }
}
