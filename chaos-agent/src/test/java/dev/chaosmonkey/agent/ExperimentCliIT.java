package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.tools.attach.VirtualMachine;

/**
 * {@code java -jar chaos-agent.jar experiment ...} against real JVMs: an order service (HTTP server, H2 over JDBC,
 * an inventory service on WireMock called with the JDK HttpClient) runs under the packaged agent; the CLI runs in
 * its own JVM, arms through JMX, probes over HTTP on 127.0.0.1 and writes the journal.
 */
class ExperimentCliIT {
    private final List<ChildJvm> services = new ArrayList<>();
    @TempDir
    Path dir;

    record Service(ChildJvm jvm, int port, int inventory) {
        String pid() {
            return Long.toString(jvm.pid());
        }
    }

    record Cli(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm s : services) {
            s.close();
        }
    }

    private Service service(boolean fallback, String... jvmOptions) throws Exception {
        String classpath = ChildJvm.location(ExperimentService.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class) + File.pathSeparator
                + ChildJvm.location(com.github.tomakehurst.wiremock.WireMockServer.class);
        List<String> command = new ArrayList<>(List.of("-javaagent:" + ChildJvm.AGENT, "-Dfallback=" + fallback));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath, ExperimentService.class.getName()));
        ChildJvm jvm = ChildJvm.start(command.toArray(new String[0]));
        services.add(jvm);
        await().atMost(Duration.ofSeconds(60)).until(() -> jvm.printedSince(0, "READY"));
        String ready = jvm.lines().stream().filter(l -> l.startsWith("READY")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("READY port=(\\d+) inventory=(\\d+)").matcher(ready);
        assertThat(m.find()).isTrue();
        return new Service(jvm, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private Path experiment(String name, String window, String probes, String faults, String extra)
            throws Exception {
        String yaml = """
                name: %s
                hypothesis: orders are served while the inventory answers 503
                steadyState:
                  baseline: 1s
                  recoveryTimeout: 20s
                  probes:
                %s
                method:
                  window: %s
                  faults:
                %s
                slo:
                  maxLatencyDegradation: 5s
                %s
                """.formatted(name, probes, window, faults, extra);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static String probe(String name, Service s, String target) {
        return """
                    - name: %s
                      interval: 100ms
                      timeout: 3s
                %s      http:
                        url: http://127.0.0.1:%d/orders
                        degradedBodyContains: fallback
                """.formatted(name, target == null ? "" : "      target: \"" + target + "\"\n", s.port());
    }

    private static String inventoryDown(Service s) {
        return "    - \"http host=127.0.0.1 port=" + s.inventory() + " -> status(503)\"\n"
                + "    - \"jdbc operation=query -> delay(20ms) p=0.5\"";
    }

    private Cli cli(String... args) throws Exception {
        Process p = start(args);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Cli(p.exitValue(), Files.readString(dir.resolve("cli.out")), Files.readString(dir.resolve(
                "cli.err")));
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.JAVA, "-jar", ChildJvm.AGENT));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("cli.out").toFile())
                .redirectError(dir.resolve("cli.err").toFile()).start();
    }

    private String journal(String name) throws Exception {
        return Files.readString(dir.resolve("reports").resolve(name + ".journal.json"), StandardCharsets.UTF_8);
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        assertThat(m.find()).as("%s in journal", key).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The target's armed rules as "id spec" lines, or "no rules armed", read over JMX (cheaper than a CLI JVM). */
    private String rulesOn(Service s) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(s.pid());
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            CompositeData[] rules = (CompositeData[]) c.getMBeanServerConnection().getAttribute(
                    new ObjectName("dev.chaosmonkey:type=ChaosMonkey"), "Rules");
            StringBuilder sb = new StringBuilder();
            for (CompositeData r : rules) {
                sb.append(r.get("id")).append(' ').append(r.get("spec")).append('\n');
            }
            return rules.length == 0 ? "no rules armed" : sb.toString();
        }
    }

    @Test
    void anExperimentWhoseHypothesisHoldsExitsZero() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Service s = service(true, "-Dchaos.audit-log=" + audit);
        Path file = experiment("holds", "3s", probe("orders", s, null), inventoryDown(s), "");
        Cli r = cli("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("status: completed - hypothesis holds", "progress: ");
        String j = journal("holds");
        assertThat(j).contains("\"status\": \"completed\"", "\"verdict\": \"hypothesis holds\"");
        assertThat(number(j, "injected")).isPositive();
        assertThat(j).containsPattern("\"degraded\": [1-9]");
        assertThat(dir.resolve("reports").resolve("holds.md")).content().contains("## SLO checks");
        assertThat(dir.resolve("reports").resolve("holds.html")).exists();
        assertThat(rulesOn(s)).contains("no rules armed");
        // the target's audit trail holds what the CLI did, through JMX
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"ENABLED\",\"source\":\"jmx:chaos-cli\""));
        assertThat(lines).filteredOn(l -> l.contains("\"type\":\"ARMED\",\"source\":\"jmx:chaos-cli\"")).hasSize(2)
                .anyMatch(l -> l.contains("status(503)") && l.contains("for="));
        assertThat(lines).filteredOn(l -> l.contains("\"type\":\"DISARMED\",\"source\":\"jmx:chaos-cli\"")).hasSize(2);
    }

    @Test
    void anSloViolationExitsOneAndNamesMetricPhaseTargetAndValue() throws Exception {
        Service s = service(false);
        Path file = experiment("violated", "2s", probe("orders", s, null), inventoryDown(s), "");
        Cli r = cli("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports").toString(),
                "--environment", "prod");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).containsPattern("SLO violated: error rate \\(fault window\\) was [0-9.]+%, target <="
                + " 1\\.0%");
        assertThat(journal("violated")).contains("\"status\": \"failed\"", "\"environment\": \"prod\"");
    }

    @Test
    void aTrippedAbortConditionDisarmsWithinOneIntervalAndExitsTwo() throws Exception {
        Service s = service(false);
        Path file = experiment("aborted", "60s", probe("orders", s, null), inventoryDown(s),
                "abort:\n  - consecutiveFailures: {probe: orders, count: 3}");
        Cli r = cli("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        String j = journal("aborted");
        assertThat(j).contains("\"status\": \"aborted\"", "\"condition\": \"probe orders failed 3 times in a row\"",
                "\"measured\": \"3 failures in a row\"", "\"recovered\": true");
        // when the third failed sample ended the condition was true; one interval (100 ms) + 50 ms later all was off
        Matcher failed = Pattern.compile("\"atMillis\": (\\d+),\\s*\"latencyMillis\": ([0-9.]+),\\s*\"outcome\":"
                + " \"FAILED\"").matcher(j);
        double trueAt = -1;
        for (int i = 0; i < 3; i++) {
            assertThat(failed.find()).isTrue();
            trueAt = Long.parseLong(failed.group(1)) + Double.parseDouble(failed.group(2));
        }
        // the target is one interval (100 ms) + 50 ms; the bound allows a 3x slowdown of a loaded 2-core machine
        double reaction = number(j, "disarmedAtMillis") - trueAt;
        System.out.println("abort reaction: " + reaction + " ms after the condition became true");
        assertThat(reaction).isLessThanOrEqualTo(3 * 150.0);
        assertThat(number(j, "endMillis") - number(j, "startMillis")).isLessThan(30_000);
        assertThat(rulesOn(s)).contains("no rules armed");
    }

    @Test
    void rulesOfAKilledCliExpireByThemselves() throws Exception {
        Service s = service(true);
        Path file = experiment("killed", "6s", probe("orders", s, null), inventoryDown(s), "");
        Process cli = start("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports")
                .toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> rulesOn(s).contains("status(503)"));
        cli.destroyForcibly(); // SIGKILL: no shutdown hook, nothing disarms
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        assertThat(rulesOn(s)).contains("status(503)").contains("for=");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> rulesOn(s).contains("no rules armed"));
        // the lease is the rest of the 6 s window plus 2 s
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void ctrlCIsAnEmergencyStop() throws Exception {
        Service s = service(true);
        Path file = experiment("interrupted", "60s", probe("orders", s, null), inventoryDown(s), "");
        Process cli = start("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports")
                .toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> rulesOn(s).contains("status(503)"));
        cli.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook disarms
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rulesOn(s)).contains("no rules armed");
        assertThat(journal("interrupted")).contains("\"status\": \"interrupted\"");
    }

    @Test
    void aDryRunInjectsNothingAndReportsWouldFireCounts() throws Exception {
        Service s = service(false);
        Path file = experiment("dry", "2s", probe("orders", s, null), inventoryDown(s), "");
        Cli r = cli("experiment", s.pid(), file.toString(), "--report-dir", dir.resolve("reports").toString(),
                "--dry-run");
        assertThat(r.exit()).as(r.all()).isZero();
        String j = journal("dry");
        assertThat(j).contains("\"dryRun\": true", "\"status\": \"completed\"");
        assertThat(number(j, "wouldFire")).isPositive();
        assertThat(j).doesNotContain("\"outcome\": \"FAILED\"").doesNotContain("\"outcome\": \"DEGRADED\"");
        assertThat(r.out()).containsPattern("wouldFire=[1-9]");
    }

    @Test
    void twoTargetsWithHalfTheInstancesGetFaultsOnExactlyOne() throws Exception {
        Service a = service(true);
        Service b = service(true);
        String probes = probe("orders-a", a, a.pid()) + probe("orders-b", b, b.pid());
        String faults = "    - \"http host=127.0.0.1 -> status(503)\"";
        Path file = experiment("fleet", "3s", probes, faults, "");
        Cli r = cli("experiment", a.pid(), file.toString(), "--target", b.pid(), "--instances", "50%", "--seed",
                "7", "--report-dir", dir.resolve("reports").toString());
        assertThat(r.exit()).as(r.all()).isZero();
        String j = journal("fleet");
        Matcher selected = Pattern.compile("\"name\": \"(\\d+)\",\\s*\"selected\": (true|false),\\s*\"rulesArmed\":"
                + " (\\d+),\\s*\"matched\": (\\d+),\\s*\"injected\": (\\d+)").matcher(j);
        int chosen = 0;
        int seen = 0;
        while (selected.find()) {
            seen++;
            if (selected.group(2).equals("true")) {
                chosen++;
                assertThat(Long.parseLong(selected.group(5))).isPositive();
            } else {
                assertThat(selected.group(3)).isEqualTo("0");
            }
        }
        assertThat(seen).isEqualTo(2);
        assertThat(chosen).isEqualTo(1);
        assertThat(dir.resolve("reports").resolve("fleet.md")).content().contains("## Targets");
    }

    @Test
    void anInvalidFileOrAnUnreachableTargetExitsThree() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nsteadyState:\n  probes: []\nmethod:\n  window: 1s\n  faults: []\n");
        Cli r = cli("experiment", "127.0.0.1:1", bad.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("invalid experiment file: bad.yaml:3:11: steadyState.probes: needs at least 1"
                + " item");
        Path ok = experiment("unreachable", "1s", "    - name: p\n      http: {url: \"http://127.0.0.1:1/\"}",
                "    - \"custom name=x -> exception\"", "");
        Cli u = cli("experiment", "127.0.0.1:1", ok.toString());
        assertThat(u.exit()).isEqualTo(3);
        assertThat(u.err()).contains("cannot reach target 127.0.0.1:1");
    }
}
