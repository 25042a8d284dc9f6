package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChaosMonkey#replace}: a new set of rules takes the place of old ones all or nothing. */
class ReplaceRulesTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).maxRules(3).build());

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    private static List<ChaosRule> rules(String... specs) {
        List<ChaosRule> rules = new ArrayList<>();
        for (String s : specs) {
            rules.add(FaultSpec.parse(s));
        }
        return rules;
    }

    @Test
    void replacesTheOldRulesAndMayReuseTheirIds() {
        List<String> old = monkey.replace(List.of(), rules("custom name=a -> exception id=x", "custom name=b -> exception"));
        List<String> ids = monkey.replace(old, rules("custom name=c -> exception id=x"));

        assertThat(ids).containsExactly("x");
        assertThat(monkey.rules()).extracting(RuleInfo::getSpec).containsExactly("custom name=c -> exception id=x");
        assertThat(monkey.decideCustom("a")).isNull();
        assertThat(monkey.decideCustom("c")).isNotNull();
    }

    @Test
    void anyProblemLeavesTheOldRulesArmedAndNamesTheRule() {
        List<String> old = monkey.replace(List.of(), rules("custom name=a -> exception id=keep"));
        monkey.arm("custom name=j -> exception id=from-jmx");
        String[][] bad = {
            {"custom name=b -> exception(com.acme.Nope)", "unknown exception class"},
            {"custom name=b -> exception for=48h", "for=48h exceeds the maximum"},
            {"custom name=b -> delay(10m)", "exceeds the maximum 5m"},
            {"custom name=b -> exception id=from-jmx", "'from-jmx' is already armed"},
        };
        for (String[] b : bad) {
            assertThatThrownBy(() -> monkey.replace(old, rules("custom name=ok -> exception", b[0])))
                    .isInstanceOf(ChaosSpecException.class).hasMessageContaining(b[1])
                    .satisfies(e -> assertThat(((ChaosSpecException) e).line()).as(b[0]).isEqualTo(2));
            assertThat(monkey.rules()).extracting(RuleInfo::getId).containsExactly("keep", "from-jmx");
            assertThat(monkey.decideCustom("a")).isNotNull();
        }
        assertThatThrownBy(() -> monkey.replace(old, rules("custom name=b -> exception id=d", "custom name=c -> exception id=d")))
                .hasMessageContaining("'d' is already armed");
        assertThatThrownBy(() -> monkey.replace(old, rules("custom name=b -> exception", "custom name=c -> exception",
                "custom name=d -> exception"))).hasMessageContaining("would make 4 armed, the limit is 3");
        assertThat(monkey.rules()).extracting(RuleInfo::getId).containsExactly("keep", "from-jmx");
    }

    @Test
    void theLimitCountsTheReplacedRulesAsGone() {
        List<String> old = monkey.replace(List.of(), rules("custom name=a -> exception", "custom name=b -> exception",
                "custom name=c -> exception"));
        assertThat(monkey.replace(old, rules("custom name=d -> exception", "custom name=e -> exception",
                "custom name=f -> exception"))).hasSize(3);
    }
}
