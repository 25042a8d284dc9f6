package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ChaosConfigTest {

    @Test
    void defaultsAreSafe() {
        ChaosConfig c = ChaosConfig.ofDefaults();
        assertThat(c.enabled()).isFalse();
        assertThat(c.allowProduction()).isFalse();
        assertThat(c.defaultDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxRules()).isEqualTo(100);
        assertThat(c.maxInjections()).isZero();
        assertThat(c.dryRun()).isFalse();
    }

    @Test
    void propertiesWinOverEnvironmentVariables() {
        Properties props = new Properties();
        props.setProperty("chaos.enabled", "true");
        props.setProperty("chaos.default-duration", "90s");
        Map<String, String> env = Map.of("CHAOS_ENABLED", "false", "CHAOS_ENVIRONMENT", "staging",
                "CHAOS_MAX_INJECTIONS", "500", "CHAOS_DRY_RUN", "TRUE", "CHAOS_MAX_DELAY", "30s");

        ChaosConfig c = ChaosConfig.fromSources(props::getProperty, env);

        assertThat(c.enabled()).isTrue();
        assertThat(c.environment()).isEqualTo("staging");
        assertThat(c.defaultDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.maxInjections()).isEqualTo(500);
        assertThat(c.dryRun()).isTrue();
        assertThat(c.maxDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> null, Map.of("CHAOS_ENABLED", "yes")))
                .hasMessage("chaos.enabled must be true or false, was 'yes'");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.default-duration") ? "10" : null,
                Map.of())).hasMessage("chaos.default-duration must be a duration such as 30s or 10m, was '10'");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.max-rules") ? "many" : null,
                Map.of())).hasMessage("chaos.max-rules must be a whole number, was 'many'");
        assertThatThrownBy(() -> ChaosConfig.custom().defaultDuration(Duration.ofHours(48)).build())
                .hasMessage("default duration 2d exceeds max duration 24h".replace("2d", "48h"));
    }

    @Test
    void productionNames() {
        for (String env : new String[] {"prod", "PRODUCTION", "prd", "live", "prod-eu", "production_us"}) {
            assertThat(ChaosConfig.custom().environment(env).build().isProduction()).as(env).isTrue();
        }
        for (String env : new String[] {"staging", "dev", "preprod", "product-demo", "test"}) {
            assertThat(ChaosConfig.custom().environment(env).build().isProduction()).as(env).isFalse();
        }
    }
}
