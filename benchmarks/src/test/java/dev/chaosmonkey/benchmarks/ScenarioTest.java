package dev.chaosmonkey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.bench.WovenTarget;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.RuleInfo;
import org.junit.jupiter.api.Test;

/** The scenarios arm what their labels claim, so the benchmark rows measure the intended paths. */
class ScenarioTest {

    private static ChaosMonkey armed(Scenario scenario) {
        ChaosMonkey monkey = ChaosMonkey.create();
        monkey.enable();
        scenario.specs().forEach(monkey::arm);
        return monkey;
    }

    private static void callBoth(ChaosMonkey monkey, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(monkey.decideJdbc("query", H2Database.QUERY, "jdbc:h2:mem:test")).isNull();
            assertThat(monkey.decideMethod(WovenTarget.CLASS_NAME, WovenTarget.METHOD_NAME)).isNull();
        }
    }

    @Test
    void disarmedArmsNothing() {
        try (ChaosMonkey monkey = armed(Scenario.DISARMED)) {
            assertThat(monkey.rules()).isEmpty();
            assertThat(monkey.armedPointsMask()).isZero();
            assertThat(Scenario.DISARMED.agentOptions()).isEqualTo("enabled=true");
        }
    }

    @Test
    void otherPointLeavesJdbcAndMethodUnarmed() {
        try (ChaosMonkey monkey = armed(Scenario.OTHER_POINT)) {
            assertThat(monkey.isArmed(InjectionPoint.HTTP)).isTrue();
            assertThat(monkey.isArmed(InjectionPoint.JDBC)).isFalse();
            assertThat(monkey.isArmed(InjectionPoint.METHOD)).isFalse();
            callBoth(monkey, 10);
        }
    }

    @Test
    void nonMatchingArmsTheSamePointsButNeverMatches() {
        try (ChaosMonkey monkey = armed(Scenario.NON_MATCHING)) {
            assertThat(monkey.isArmed(InjectionPoint.JDBC)).isTrue();
            assertThat(monkey.isArmed(InjectionPoint.METHOD)).isTrue();
            callBoth(monkey, 10);
            assertThat(monkey.rules()).hasSize(2).allSatisfy(rule -> assertThat(rule.getMatched()).isZero());
        }
    }

    @Test
    void pZeroMatchesEveryCallAndNeverInjects() {
        try (ChaosMonkey monkey = armed(Scenario.P_ZERO)) {
            callBoth(monkey, 10);
            assertThat(monkey.rules()).hasSize(2).allSatisfy(rule -> {
                assertThat(rule.getMatched()).isEqualTo(10);
                assertThat(rule.getInjected()).isZero();
            });
        }
    }

    @Test
    void contentionRuleFiresAboutHalfTheTime() {
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            monkey.arm(ContentionBenchmark.SPEC);
            int fired = 0;
            for (int i = 0; i < 2000; i++) {
                if (monkey.decideJdbc("query", H2Database.QUERY, "jdbc:h2:mem:test") != null) {
                    fired++;
                }
            }
            assertThat(fired).isBetween(800, 1200);
            RuleInfo rule = monkey.rules().get(0);
            assertThat(rule.getMatched()).isEqualTo(2000);
        }
    }

    @Test
    void agentOptionsCarryEverySpec() {
        assertThat(Scenario.P_ZERO.agentOptions())
                .startsWith("enabled=true;spec=jdbc -> ")
                .contains(";spec=method class=" + WovenTarget.CLASS_NAME + " method=mix -> exception p=0");
        for (Scenario scenario : Scenario.values()) {
            scenario.specs().forEach(spec -> assertThat(spec).doesNotContain(";"));
        }
    }
}
