package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

/** The {@code dns} point in the engine: its attribute, case-insensitive host names, its defaults, what it refuses. */
class DnsPointTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).jmx(false).build());

    @Test
    void hostNamesMatchWhateverTheirCase() {
        monkey.arm("dns host=*.Example.TEST -> exception");
        assertThat(monkey.isArmed(InjectionPoint.DNS)).isTrue();
        assertThat(monkey.decideDns("shop.example.test")).isNotNull();
        assertThat(monkey.decideDns("SHOP.EXAMPLE.TEST")).isNotNull();
        assertThat(monkey.decideDns("shop.example.org")).isNull();
        assertThat(monkey.decideDns(null)).isNull();
        assertThat(monkey.rules().get(0).getMatched()).isEqualTo(2);
        // the rule is on dns only: other points stay disarmed
        assertThat(monkey.decideHttp("GET", "http", "shop.example.test", 80, "/")).isNull();
    }

    @Test
    void matchingAskedAheadCountsNothing() {
        assertThat(monkey.matchesDns("shop.example.test")).isFalse();
        monkey.arm("dns host=*.example.test -> exception p=0");
        monkey.arm("dns host=other.test -> exception scope=checkout");
        assertThat(monkey.matchesDns("SHOP.example.test")).isTrue();
        assertThat(monkey.matchesDns("localhost")).isFalse();
        assertThat(monkey.matchesDns("other.test")).as("outside the rule's scope").isFalse();
        try (ChaosScope scope = monkey.openScope("checkout")) {
            assertThat(monkey.matchesDns("other.test")).isTrue();
        }
        assertThat(monkey.rules()).allSatisfy(r -> assertThat(r.getMatched()).isZero());
    }

    @Test
    void theDefaultsAreTheResolversException() {
        monkey.arm("dns host=a.example.test -> exception");
        monkey.arm("dns host=b.example.test -> timeout(10ms)");
        Throwable failed = monkey.decideDns("a.example.test").performNoThrow(null, null);
        assertThat(failed).isExactlyInstanceOf(UnknownHostException.class);
        assertThat(InjectedFailures.isInjected(failed)).isTrue();
        assertThat(monkey.decideDns("b.example.test").performNoThrow(null, null))
                .isExactlyInstanceOf(UnknownHostException.class);
    }

    @Test
    void specsRenderBackAndFaultsWithoutMeaningThereAreRefused() {
        ChaosRule rule = ChaosRule.parse("dns host!=localhost -> delay(2s) p=0.5");
        assertThat(rule.point()).isEqualTo(InjectionPoint.DNS);
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        assertThatThrownBy(() -> ChaosRule.parse("dns port=53 -> exception"))
                .hasMessageContaining("unknown attribute 'port' for point dns (known: host)");
        assertThatThrownBy(() -> ChaosRule.parse("dns -> status(503)"))
                .hasMessageContaining("only applies to the http point, not dns");
    }
}
