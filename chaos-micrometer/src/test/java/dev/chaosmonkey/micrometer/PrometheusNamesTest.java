package dev.chaosmonkey.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosConfig;
import dev.chaosmonkey.core.ChaosMonkey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meters through a real Prometheus registry, as a Spring Boot actuator scrapes them. Regression: the total used
 * to be named {@code chaos.injections.total}, which Prometheus renders {@code chaos_injections_total}, the name of the
 * per-rule counter; the registry then refused the per-rule counters and they never reached the scrape.
 */
class PrometheusNamesTest {
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ChaosMetrics metrics = new ChaosMetrics(monkey);

    @AfterEach
    void tearDown() {
        metrics.close();
        monkey.close();
        registry.close();
    }

    @Test
    void perRuleCountersAndTheTotalBothReachTheScrape() {
        metrics.bindTo(registry);
        String id = monkey.arm("custom name=payments -> exception every=2");
        for (int i = 0; i < 4; i++) {
            try {
                monkey.check("payments");
            } catch (RuntimeException injected) {
                // every 2nd call
            }
        }

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("chaos_injections_total{dry_run=\"false\",fault=\"exception\",point=\"custom\",rule=\""
                        + id + "\",scope=\"none\"} 2.0")
                .contains("chaos_injections_all_total 2.0")
                .contains("chaos_rules_armed 1.0")
                .contains("chaos_enabled 1.0");
    }
}
