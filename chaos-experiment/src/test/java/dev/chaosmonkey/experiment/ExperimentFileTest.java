package dev.chaosmonkey.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExperimentFileTest {
    static final String VALID = """
            name: inventory-outage
            hypothesis: orders are served from the fallback
            steadyState:
              baseline: 1s
              probes:
                - name: orders
                  interval: 100ms
                  http:
                    url: http://127.0.0.1:8080/orders
                    maxLatency: 500ms
                    degradedBodyContains: fallback
                - name: breaker
                  jmx:
                    mbean: "dev.chaosmonkey:type=ChaosMonkey"
                    attribute: Enabled
                    equals: true
            method:
              window: 2s
              episodes: 2
              faults:
                - http host=127.0.0.1 -> status(503)
                - spec: "jdbc operation=query -> delay(100ms) for=1m"
              ramp: {from: 0.5, to: 1.0, steps: 2}
            slo:
              maxErrorRate: 10%
              environments:
                prod: {maxErrorRate: 0.02}
            abort:
              - errorRate: {above: 50%, window: 2s}
              - consecutiveFailures: {probe: orders, count: 5}
              - latency: {percentile: 99, above: 2s}
              - jmx: {mbean: "java.lang:type=Memory", attribute: ObjectPendingFinalizationCount, above: 1000}
            """;

    @Test
    void readsEveryPart() {
        ExperimentDefinition d = ExperimentFile.parse(VALID, "orders.yaml");
        assertThat(d.name()).isEqualTo("inventory-outage");
        assertThat(d.baseline()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.probes()).extracting(ProbeDefinition::name).containsExactly("orders", "breaker");
        assertThat(d.probes().get(0).interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.probes().get(0).check()).isEqualTo(new ProbeDefinition.Http("http://127.0.0.1:8080/orders",
                "GET", 200, Duration.ofMillis(500), null, "fallback"));
        assertThat(d.probes().get(1).check()).isEqualTo(new ProbeDefinition.Jmx("dev.chaosmonkey:type=ChaosMonkey",
                "Enabled", new Comparison("equals", "true")));
        assertThat(d.faults()).extracting(ExperimentDefinition.FaultDefinition::spec).containsExactly(
                "http host=127.0.0.1 -> status(503)", "jdbc operation=query -> delay(100ms) for=1m");
        assertThat(d.faults().get(0).line()).isEqualTo(21);
        assertThat(d.faults().get(0).column()).isEqualTo(7);
        assertThat(d.faults().get(1).column()).isEqualTo(14); // after the opening quote
        assertThat(d.window()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.episodes()).isEqualTo(2);
        assertThat(d.ramp()).isEqualTo(new ExperimentDefinition.Ramp(0.5, 1.0, 2));
        assertThat(d.abort()).hasSize(4);
        assertThat(d.abort().get(0)).isEqualTo(new AbortCondition.ErrorRate(0.5, Duration.ofSeconds(2), null, 3));
        assertThat(d.targets(null).maxErrorRate()).isEqualTo(0.10);
        assertThat(d.targets("prod").maxErrorRate()).isEqualTo(0.02);
        assertThat(d.targets("prod").minAvailability()).isEqualTo(0.99);
        assertThat(d.targets("dev").maxMttr()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void faultsOnTheNetAndDnsPointsAreFaultSpecs() {
        // the file's point check once knew only jdbc, http, kafka, method, custom and resource
        ExperimentDefinition d = ExperimentFile.parse(VALID.replace("- http host=127.0.0.1 -> status(503)",
                "- net port=5432 -> reset\n    - dns host=*.internal -> exception"), "net.yaml");
        assertThat(d.faults()).extracting(ExperimentDefinition.FaultDefinition::spec)
                .startsWith("net port=5432 -> reset", "dns host=*.internal -> exception");
    }

    @Test
    void defaultsAndEnvironmentTargets() {
        ExperimentDefinition d = ExperimentFile.parse("""
                name: minimal
                steadyState:
                  probes:
                    - name: p
                      http: {url: "http://127.0.0.1:1/"}
                method:
                  window: 1s
                  faults: ["custom name=x -> exception"]
                """, "m.yaml");
        assertThat(d.baseline()).isEqualTo(ExperimentDefinition.DEFAULT_BASELINE);
        assertThat(d.episodes()).isEqualTo(1);
        assertThat(d.targets(null)).isEqualTo(SloTargets.defaults());
        assertThat(d.targets("staging").maxMttr()).isEqualTo(Duration.ofSeconds(45));
        assertThat(d.targets("staging").maxErrorRate()).isEqualTo(0.05);
        assertThat(d.targets("prod").maxErrorRate()).isEqualTo(0.01);
        assertThat(d.targets("dev").minAvailability()).isEqualTo(0.90);
    }

    @Test
    void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, VALID.replace("window: 2s", "window: soon"));
        assertThatThrownBy(() -> ExperimentFile.read(f)).isInstanceOf(ExperimentFileException.class)
                .hasMessage("broken.yaml:18:11: method.window: 'soon' is not a duration: use a whole number"
                        + " followed by ms, s, m or h, e.g. 500ms or 2s");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "x.yaml:1:1: the file is empty: expected a mapping with name, steadyState and"
                        + " method"),
                Arguments.of("- a\n- b\n", "x.yaml:1:1: expected a mapping (key: value lines), found a list"),
                Arguments.of(VALID.replace("name: inventory-outage\n", ""), "x.yaml:1:1: 'name' is required"),
                Arguments.of(VALID.replace("hypothesis:", "hypotesis:"), "x.yaml:2:1: unknown key 'hypotesis'"
                        + " (expected one of abort, dryRun, environment, hypothesis, method, name, slo,"
                        + " steadyState)"),
                Arguments.of(VALID + "name: again\n", "x.yaml:33:1: duplicate key 'name'"),
                Arguments.of(VALID.replace("window: 2s", "window: 2 seconds"), "x.yaml:18:11: method.window:"
                        + " '2 seconds' is not a duration: use a whole number followed by ms, s, m or h, e.g. 500ms"
                        + " or 2s"),
                Arguments.of(VALID.replace("window: 2s", "window: 1ms"), "x.yaml:18:11: method.window: 1 ms is too"
                        + " short: at least 10 ms"),
                Arguments.of(VALID.replace("episodes: 2", "episodes: two"), "x.yaml:19:13: method.episodes:"
                        + " expected a whole number, found 'two'"),
                Arguments.of(VALID.replace("episodes: 2", "episodes: 0"), "x.yaml:19:13: method.episodes: 0 is out"
                        + " of range 1..100"),
                Arguments.of(VALID.replace("- http host=127.0.0.1 -> status(503)", "- http host=127.0.0.1"),
                        "x.yaml:21:7: method.faults[0]: 'http host=127.0.0.1' is not a fault spec: expected"
                                + " '<point> {matchers} -> <fault> {options}' with point jdbc, http, kafka, method,"
                                + " dns, custom, resource or net"),
                Arguments.of(VALID.replace("faults:\n    - http host=127.0.0.1 -> status(503)\n    - spec: \"jdbc"
                        + " operation=query -> delay(100ms) for=1m\"\n", "faults: []\n"),
                        "x.yaml:20:11: method.faults: needs at least 1 item"),
                Arguments.of(VALID.replace("url: http://127.0.0.1:8080/orders", "url: ftp://127.0.0.1/orders"),
                        "x.yaml:9:14: steadyState.probes[0].http.url: 'ftp://127.0.0.1/orders' is not an http or"
                                + " https URL with a host"),
                Arguments.of(VALID.replace("    - name: breaker\n", "    - name: orders\n"),
                        "x.yaml:12:13: steadyState.probes[1].name: probe name 'orders' is used twice"),
                Arguments.of(VALID.replace("        equals: true\n", ""), "x.yaml:14:9:"
                        + " steadyState.probes[1].jmx: needs exactly one comparator of equals, notEquals, above,"
                        + " below, atLeast, atMost"),
                Arguments.of(VALID.replace("        equals: true\n", "        equals: true\n        above: 3\n"),
                        "x.yaml:17:16: steadyState.probes[1].jmx.above: needs exactly one comparator of equals,"
                                + " notEquals, above, below, atLeast, atMost, has equals and above"),
                Arguments.of(VALID.replace("mbean: \"dev.chaosmonkey:type=ChaosMonkey\"", "mbean: not-a-name"),
                        "x.yaml:14:16: steadyState.probes[1].jmx.mbean: 'not-a-name' is not a JMX object name: Key"
                                + " properties cannot be empty"),
                Arguments.of(VALID.replace("      http:\n        url: http://127.0.0.1:8080/orders\n"
                        + "        maxLatency: 500ms\n        degradedBodyContains: fallback\n", ""),
                        "x.yaml:6:7: steadyState.probes[0]: probe 'orders' needs exactly one of http, jmx, meter or"
                                + " circuitBreaker"),
                Arguments.of(VALID.replace("maxErrorRate: 10%", "maxErrorRate: 150%"), "x.yaml:25:17:"
                        + " slo.maxErrorRate: '150%' is out of range: a ratio is within 0..1 (0%..100%)"),
                Arguments.of(VALID.replace("maxErrorRate: 10%", "maxErrorRate: lots"), "x.yaml:25:17:"
                        + " slo.maxErrorRate: expected a ratio like 0.05 or 5%, found 'lots'"),
                Arguments.of(VALID.replace("{probe: orders, count: 5}", "{probe: payments, count: 5}"),
                        "x.yaml:30:34: abort[1].consecutiveFailures.probe: no probe named 'payments' (probes:"
                                + " breaker, orders)"),
                Arguments.of(VALID.replace("- errorRate: {above: 50%, window: 2s}", "- errorRate: {window: 2s}"),
                        "x.yaml:29:16: abort[0].errorRate: 'abort[0].errorRate.above' is required"),
                Arguments.of(VALID.replace("- errorRate: {above: 50%, window: 2s}", "- panic: {above: 50%}"),
                        "x.yaml:29:5: abort[0]: unknown key 'panic' (expected one of consecutiveFailures, errorRate, jmx,"
                                + " latency)"),
                Arguments.of(VALID.replace("ramp: {from: 0.5, to: 1.0, steps: 2}", "ramp: {from: 0.5, to: 1.0,"
                        + " steps: 50}"), "x.yaml:23:37: method.ramp.steps: 50 is out of range 2..20"),
                Arguments.of(VALID.replace("name: inventory-outage", "name: [a, b]"), "x.yaml:1:7: name: expected a"
                        + " single value, found a list"),
                Arguments.of(VALID.replace("steadyState:\n  baseline: 1s", "steadyState:\n  baseline: 1s\n"
                        + "   probes: x"), "x.yaml:5:10: not valid YAML: mapping values are not allowed here"),
                Arguments.of(VALID.replace("hypothesis: orders are served from the fallback",
                        "hypothesis: \"unterminated"), "x.yaml:14:17: not valid YAML: expected <block end>, but found"
                                + " '<scalar>' (while parsing a block mapping)"),
                Arguments.of(VALID.replace("        maxLatency: 500ms\n", "        maxLatency: 500ms\n"
                        + "        status: 999\n"), "x.yaml:11:17: steadyState.probes[0].http.status: 999 is out of"
                                + " range 100..599"),
                Arguments.of(VALID.replace("dryRun", "x").replace("name: inventory-outage",
                        "name: inventory-outage\ndryRun: maybe"), "x.yaml:2:9: dryRun: expected true or false,"
                                + " found 'maybe'"),
                Arguments.of(VALID.replace("{percentile: 99, above: 2s}", "{percentile: 0, above: 2s}"),
                        "x.yaml:31:27: abort[2].latency.percentile: 0 is out of range 1.0..100.0"),
                Arguments.of(VALID.replace("    - name: orders\n      interval: 100ms\n",
                        "    - name: orders\n      interval: 100ms\n      timeout: 25h\n"), "x.yaml:8:16:"
                                + " steadyState.probes[0].timeout: 90000.00 s is too long: at most 24h"));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("malformed")
    void malformedFilesNameFileLineAndColumn(String yaml, String expected) {
        assertThatThrownBy(() -> ExperimentFile.parse(yaml, "x.yaml")).isInstanceOf(ExperimentFileException.class)
                .hasMessage(expected);
    }
}
