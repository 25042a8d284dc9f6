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
                .hasMessage("CHAOS_ENABLED must be true or false, was 'yes'");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.default-duration") ? "10" : null,
                Map.of())).hasMessage("chaos.default-duration must be a duration such as 30s or 10m, was '10'");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.max-rules") ? "many" : null,
                Map.of())).hasMessage("chaos.max-rules must be a whole number, was 'many'");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.max-rules") ? "0" : null,
                Map.of())).hasMessage("chaos.max-rules must be from 1 to 2147483647, was '0'");
        assertThatThrownBy(() -> ChaosConfig.custom().defaultDuration(Duration.ofHours(48)).build())
                .hasMessage("default duration 2d exceeds max duration 24h".replace("2d", "48h"));
    }

    @Test
    void everyInvalidSettingIsNamedNotOnlyTheFirst() {
        // a typo in one setting must not silently drop another (CHAOS_MAX_RULES=1 next to a bad CHAOS_MAX_DELAY)
        Map<String, String> env = Map.of("CHAOS_MAX_DELAY", "5 min", "CHAOS_MAX_RULES", "1", "CHAOS_DRY_RUN", "yes");
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> null, env))
                .hasMessageContaining("CHAOS_MAX_DELAY must be a duration such as 30s or 10m, was '5 min'")
                .hasMessageContaining("CHAOS_DRY_RUN must be true or false, was 'yes'");
    }

    @Test
    void invalidSettingsMakeTheGlobalConfigRefuseButKeepTheEnvironment() {
        ChaosConfig c = ChaosConfig.forGlobal(k -> k.equals("chaos.enabled") ? "true" : null,
                Map.of("CHAOS_ENVIRONMENT", "prod", "CHAOS_MAX_RULES", "ten"));
        assertThat(c.refusal()).contains("CHAOS_MAX_RULES must be a whole number, was 'ten'");
        assertThat(c.enabled()).isFalse();
        assertThat(c.environment()).isEqualTo("prod");
        assertThat(c.isProduction()).isTrue();

        ChaosConfig ok = ChaosConfig.forGlobal(k -> null, Map.of("CHAOS_ENVIRONMENT", "staging"));
        assertThat(ok.refusal()).isNull();
    }

    @Test
    void yesIsNotABoolean() {
        for (String word : new String[] {"yes", "no", "1", "0", "on", "off", "ture", "y"}) {
            assertThat(ChaosConfig.forGlobal(k -> k.equals("chaos.dry-run") ? word : null, Map.of()).refusal())
                    .as(word).contains("chaos.dry-run must be true or false, was '" + word + "'");
        }
        assertThat(ChaosConfig.forGlobal(k -> k.equals("chaos.dry-run") ? " TRUE " : null, Map.of()).dryRun())
                .isTrue();
    }

    @Test
    void aBlankEnvironmentPropertyDoesNotHideTheVariable() {
        assertThat(ChaosConfig.fromSources(k -> k.equals("chaos.environment") ? "" : null,
                Map.of("CHAOS_ENVIRONMENT", "prod")).environment()).isEqualTo("prod");
        // when the two disagree, a production name wins
        assertThat(ChaosConfig.fromSources(k -> k.equals("chaos.environment") ? "staging" : null,
                Map.of("CHAOS_ENVIRONMENT", "prod")).isProduction()).isTrue();
        assertThat(ChaosConfig.fromSources(k -> k.equals("chaos.environment") ? "prod" : null,
                Map.of("CHAOS_ENVIRONMENT", "staging")).isProduction()).isTrue();
    }

    @Test
    void settingValuesAreEscapedAndCappedInErrors() {
        String hostile = "x\n2099-01-01 INFO all good\u001b[31m" + "y".repeat(5000);
        assertThatThrownBy(() -> ChaosConfig.fromSources(k -> k.equals("chaos.max-rules") ? hostile : null,
                Map.of())).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b")
                        .hasSizeLessThan(400).contains("x\\n2099").contains("\\u001b[31m").contains("(5031 chars)"));
    }

    @Test
    void productionNames() {
        for (String env : new String[] {"prod", "PRODUCTION", "prd", "live", "prod-eu", "production_us", "eu-prod",
                "prod1", "production.eu", "LIVE_2", "pre-prod", "k8s/prod", "eu:prd02"}) {
            assertThat(ChaosConfig.custom().environment(env).build().isProduction()).as(env).isTrue();
            assertThat(Environments.isProduction(env)).as(env).isTrue();
        }
        for (String env : new String[] {"staging", "dev", "preprod", "product-demo", "test", "delivery", "olive",
                "prodigy", "", "-"}) {
            assertThat(ChaosConfig.custom().environment(env).build().isProduction()).as(env).isFalse();
        }
        assertThat(Environments.isProduction(null)).isFalse();
    }
}
