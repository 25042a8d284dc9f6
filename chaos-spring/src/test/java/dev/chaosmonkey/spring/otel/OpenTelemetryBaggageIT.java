package dev.chaosmonkey.spring.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Chaos scopes reuse OpenTelemetry's baggage propagation where it runs: {@link BaggageApp} in a separate JVM under
 * the real OpenTelemetry Java agent (exporters off) sends its scope to service B as exactly one {@code chaos.scope}
 * baggage entry written by OpenTelemetry (no {@code X-Chaos-Scope}, no second entry, other baggage kept), B runs an
 * allowed name in its scope (its scoped H2 fault fires) and a disallowed one unscoped; without the agent, with the
 * OpenTelemetry API still on the class path, the starter's own headers carry the scope as before.
 */
class OpenTelemetryBaggageIT {
    private static final String OTEL_AGENT = System.getProperty("otel.agent.jar");

    @Test
    void underTheOpenTelemetryAgentTheScopeTravelsAsItsBaggageEntryOnly() throws Exception {
        assertThat(OTEL_AGENT).as("otel.agent.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(OTEL_AGENT)).exists();
        List<String> lines = run("otel", List.of("-javaagent:" + OTEL_AGENT, "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
        assertThat(lines).containsExactly(
                "mode viaOpenTelemetry=true",
                // B: the scope it ran in, OpenTelemetry's extracted chaos.scope, the chaos headers on the wire
                "case restclient-allowed scope=checkout-otel otel=checkout-otel header=none baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case restclient-disallowed scope=none otel=evil-otel header=none baggageHeaders=1 chaosEntries=1"
                        + " tenant=false db=ok",
                "case restclient-unscoped scope=none otel=none header=none baggageHeaders=0 chaosEntries=0"
                        + " tenant=false db=ok",
                "case restclient-other-baggage scope=checkout-otel otel=checkout-otel header=none baggageHeaders=1"
                        + " chaosEntries=1 tenant=true db=fault",
                "case webclient-allowed scope=checkout-otel otel=checkout-otel header=none baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case raw-baggage-checkout-otel scope=checkout-otel otel=checkout-otel header=none baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case raw-baggage-evil-otel scope=none otel=evil-otel header=none baggageHeaders=1 chaosEntries=1"
                        + " tenant=false db=ok",
                "precedence checkout-extracted header-first checkout-header",
                "done internalErrors=0 monkeyInternalErrors=0");
    }

    @Test
    void withoutItTheStartersOwnHeadersCarryTheScope() throws Exception {
        List<String> lines = run("plain", List.of());
        assertThat(lines).containsExactly(
                "mode viaOpenTelemetry=false",
                "case restclient-allowed scope=checkout-otel otel=none header=checkout-otel baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case restclient-disallowed scope=none otel=none header=evil-otel baggageHeaders=1 chaosEntries=1"
                        + " tenant=false db=ok",
                "case restclient-unscoped scope=none otel=none header=none baggageHeaders=0 chaosEntries=0"
                        + " tenant=false db=ok",
                "case restclient-other-baggage scope=checkout-otel otel=none header=checkout-otel baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case webclient-allowed scope=checkout-otel otel=none header=checkout-otel baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case raw-baggage-checkout-otel scope=checkout-otel otel=none header=none baggageHeaders=1"
                        + " chaosEntries=1 tenant=false db=fault",
                "case raw-baggage-evil-otel scope=none otel=none header=none baggageHeaders=1 chaosEntries=1"
                        + " tenant=false db=ok",
                // the API alone propagates nothing: the raw header is what counts
                "precedence checkout-raw header-first checkout-header",
                "done internalErrors=0 monkeyInternalErrors=0");
    }

    /** Runs {@link BaggageApp} with {@code jvmOptions}: its result lines ({@code mode}, {@code case}, {@code done}). */
    private static List<String> run(String name, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BaggageApp.class.getName());
        Path log = Path.of("target", "opentelemetry-baggage-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(240, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the application exited; output in " + log.toAbsolutePath()).isTrue();
        assertThat(process.exitValue()).as("exit code; output in " + log.toAbsolutePath()).isZero();
        return lines.stream().filter(x -> x.startsWith("mode ") || x.startsWith("case ")
                || x.startsWith("precedence ") || x.startsWith("done "))
                .toList();
    }
}
