package dev.chaosmonkey.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosmonkey.core.ChaosConfig;
import dev.chaosmonkey.core.ChaosMonkey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChaosMetricsTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChaosMetrics metrics = new ChaosMetrics(monkey);

    @AfterEach
    void tearDown() {
        metrics.close();
        monkey.close();
    }

    @Test
    void internalErrorsAreAMeter() {
        metrics.bindTo(registry);
        monkey.reportInternalError("test-advice", new IllegalStateException("advice bug"));
        assertThat(registry.get("chaos.internal.errors").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void countsInjectionsPerPointFaultAndRule() {
        metrics.bindTo(registry);
        String jdbc = monkey.arm("jdbc -> exception every=2");
        String http = monkey.arm("http -> delay(0ms)");

        for (int i = 0; i < 10; i++) {
            monkey.decideJdbc("query", "select 1", null);
        }
        monkey.decideHttp("GET", "http", "h", 80, "/");

        assertThat(registry.get("chaos.injections").tags("point", "jdbc", "fault", "exception", "rule", jdbc,
                "scope", "none").counter().count()).isEqualTo(5);
        assertThat(registry.get("chaos.injections").tags("point", "http", "fault", "delay", "rule", http)
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("chaos.injections.all").functionCounter().count()).isEqualTo(6);
        assertThat(registry.get("chaos.rules.armed").gauge().value()).isEqualTo(2);
        assertThat(registry.get("chaos.enabled").gauge().value()).isEqualTo(1);
        assertThat(registry.get("chaos.internal.errors").functionCounter().count()).isZero();
        assertThat(registry.get("chaos.calls.held").gauge().value()).isZero();
    }

    @Test
    void injectionsOfScopedRulesCarryTheirScope() {
        metrics.bindTo(registry);
        String id = monkey.arm("custom name=pay -> exception scope=checkout-test");
        monkey.decideCustom("pay");
        try (dev.chaosmonkey.core.ChaosScope scope = monkey.openScope("checkout-test")) {
            monkey.decideCustom("pay");
            monkey.decideCustom("pay");
        }
        assertThat(registry.get("chaos.injections").tags("rule", id, "scope", "checkout-test").counter().count())
                .isEqualTo(2);
    }

    @Test
    void dryRunInjectionsAreTaggedAndDisarmedRulesLoseTheirMeters() {
        metrics.bindTo(registry);
        String id = monkey.arm("custom name=x -> exception dry-run");
        monkey.check("x");

        assertThat(registry.get("chaos.injections").tags("rule", id, "dry_run", "true").counter().count())
                .isEqualTo(1);

        monkey.disarm(id);
        assertThat(registry.find("chaos.injections").tag("rule", id).counter()).isNull();
        assertThat(registry.get("chaos.rules.armed").gauge().value()).isZero();

        monkey.disable();
        assertThat(registry.get("chaos.enabled").gauge().value()).isZero();
    }

    @Test
    void resourceHoldingsBecomeGaugesAndDisappearWithTheRule() {
        metrics.bindTo(registry);
        String id = monkey.arm("resource -> threads(count=3)");

        // the parked threads report themselves busy once they are running
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.get("chaos.resource.held").tags("rule", id, "resource", "threadsBusy").gauge()
                        .value()).isEqualTo(3));

        monkey.disarm(id);
        assertThat(registry.find("chaos.resource.held").tag("rule", id).gauge()).isNull();
    }
}
