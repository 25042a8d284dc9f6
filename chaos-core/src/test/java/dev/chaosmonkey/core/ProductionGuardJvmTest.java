package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The production guard of the global instance fails closed, in a separate JVM configured the way operators
 * configure it (environment variables and {@code -D} flags): an invalid setting keeps chaos off, loudly.
 */
class ProductionGuardJvmTest {

    private static List<String> run(Map<String, String> env, String... flags) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GuardedApp.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CHAOS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return List.of(out.split("\\R"));
    }

    @Test
    void anInvalidSettingNextToAProductionEnvironmentKeepsChaosOff() throws Exception {
        List<String> out = run(Map.of("CHAOS_ENVIRONMENT", "prod", "CHAOS_MAX_RULES", "ten"),
                "-Dchaos.enabled=true", "-Dchaos.environment=");
        assertThat(out).contains("enabled=false", "enable=refused", "check=OK", "environment=prod");
        assertThat(out).filteredOn(l -> l.startsWith("[chaos] ERROR invalid chaos settings")).singleElement()
                .asString().contains("CHAOS_MAX_RULES must be a whole number, was 'ten'");
        assertThat(out).filteredOn(l -> l.startsWith("jmx-reason=")).singleElement().asString()
                .contains("CHAOS_MAX_RULES must be a whole number, was 'ten'");
        assertThat(out).noneMatch(l -> l.contains("chaos enabled"));
    }

    @Test
    void yesIsNotADryRunAndDoesNotBecomeLiveInjection() throws Exception {
        List<String> out = run(Map.of("CHAOS_ENABLED", "true", "CHAOS_DRY_RUN", "yes"));
        assertThat(out).contains("enabled=false", "enable=refused", "check=OK");
        assertThat(out).anyMatch(l -> l.startsWith("[chaos] ERROR") && l.contains("CHAOS_DRY_RUN must be true or false, was 'yes'"));
    }

    @Test
    void aTypoInOneLimitDoesNotDropAnother() throws Exception {
        List<String> out = run(Map.of("CHAOS_ENABLED", "true", "CHAOS_MAX_DELAY", "5mins", "CHAOS_MAX_RULES", "1"));
        assertThat(out).contains("enabled=false", "check=OK");
        assertThat(out).anyMatch(l -> l.contains("CHAOS_MAX_DELAY must be a duration such as 30s or 10m, was '5mins'"));
    }

    @Test
    void anEmptyEnvironmentPropertyDoesNotHideAProductionVariable() throws Exception {
        List<String> out = run(Map.of("CHAOS_ENVIRONMENT", "eu-prod"), "-Dchaos.enabled=true",
                "-Dchaos.environment=");
        assertThat(out).contains("enabled=false", "enable=refused", "check=OK", "environment=eu-prod");
        assertThat(out).filteredOn(l -> l.startsWith("jmx-reason=")).singleElement().asString()
                .contains("environment 'eu-prod' is production");
    }

    @Test
    void validSettingsOutsideProductionStillEnable() throws Exception {
        List<String> out = run(Map.of("CHAOS_ENVIRONMENT", "staging", "CHAOS_MAX_RULES", "10"),
                "-Dchaos.enabled=true");
        assertThat(out).contains("enabled=true", "enable=accepted", "check=INJECTED", "jmx-reason=");
        assertThat(out).noneMatch(l -> l.contains("ERROR"));
    }
}
