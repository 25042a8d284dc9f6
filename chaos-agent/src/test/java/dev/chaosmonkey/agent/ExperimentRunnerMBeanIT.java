package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.tools.attach.VirtualMachine;

/**
 * The {@code dev.chaosmonkey:type=ExperimentRunner} MBean the agent registers: an experiment run inside the target
 * JVM, driven over JMX as jconsole, VisualVM or Jolokia would (start, status, result, stop).
 */
class ExperimentRunnerMBeanIT {
    private static final String RUNNER = "dev.chaosmonkey:type=ExperimentRunner";
    private static ChildJvm jvm;
    private static JMXConnector connector;
    private static MBeanServerConnection server;
    private static int port;
    private static int inventory;

    /** One service for the class: the runner allows one run at a time, and each test waits for its run's end. */
    @BeforeAll
    static void start() throws Exception {
        String classpath = ChildJvm.location(ExperimentService.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class) + File.pathSeparator
                + ChildJvm.location(com.github.tomakehurst.wiremock.WireMockServer.class);
        jvm = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-Dfallback=true", "-cp", classpath,
                ExperimentService.class.getName());
        await().atMost(Duration.ofSeconds(60)).until(() -> jvm.printedSince(0, "READY"));
        Matcher m = Pattern.compile("READY port=(\\d+) inventory=(\\d+)").matcher(jvm.lines().stream()
                .filter(l -> l.startsWith("READY")).findFirst().orElseThrow());
        assertThat(m.find()).isTrue();
        port = Integer.parseInt(m.group(1));
        inventory = Integer.parseInt(m.group(2));
        VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        server = connector.getMBeanServerConnection();
    }

    @AfterEach
    void runEnded() throws Exception {
        invoke("stop");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(attr("Status")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        jvm.close();
    }

    private String yaml(String window) {
        return """
                name: in-target
                steadyState:
                  baseline: 1s
                  probes:
                    - name: orders
                      interval: 100ms
                      http:
                        url: http://127.0.0.1:%d/orders
                        degradedBodyContains: fallback
                    - name: chaos-enabled
                      interval: 200ms
                      jmx:
                        mbean: "dev.chaosmonkey:type=ChaosMonkey"
                        attribute: Enabled
                        equals: true
                method:
                  window: %s
                  faults:
                    - "http host=127.0.0.1 port=%d -> status(503)"
                slo:
                  maxLatencyDegradation: 5s
                """.formatted(port, window, inventory);
    }

    private static Object attr(String name) throws Exception {
        return server.getAttribute(new ObjectName(RUNNER), name);
    }

    private static Object invoke(String op, Object... args) throws Exception {
        String[] sig = new String[args.length];
        java.util.Arrays.fill(sig, String.class.getName());
        return server.invoke(new ObjectName(RUNNER), op, args, sig);
    }

    @Test
    void runsAnExperimentInsideTheTargetAndReturnsTheJournal() throws Exception {
        assertThat(attr("Status")).isIn("IDLE", "COMPLETED", "INTERRUPTED", "INVALID");
        String id = (String) invoke("start", yaml("2s"));
        assertThat(id).startsWith("in-target-");
        assertThat(attr("Status")).isEqualTo("RUNNING");
        assertThatThrownBy(() -> invoke("start", yaml("2s"))).hasStackTraceContaining("is running; stop it first");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(attr("Status")));
        assertThat(attr("Status")).as((String) attr("Verdict")).isEqualTo("COMPLETED");
        String journal = (String) attr("Result");
        assertThat(journal).contains("\"status\": \"completed\"", "\"chaos-enabled\"");
        assertThat(journal).containsPattern("\"injected\": [1-9]");
        assertThat((CompositeData[]) server.getAttribute(new ObjectName("dev.chaosmonkey:type=ChaosMonkey"),
                "Rules")).isEmpty();
    }

    @Test
    void stopDisarmsAtOnce() throws Exception {
        invoke("start", yaml("60s"));
        ObjectName chaos = new ObjectName("dev.chaosmonkey:type=ChaosMonkey");
        await().atMost(Duration.ofSeconds(30)).until(() -> ((CompositeData[]) server.getAttribute(chaos, "Rules"))
                .length == 1);
        invoke("stop");
        assertThat((CompositeData[]) server.getAttribute(chaos, "Rules")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(attr("Status")));
        assertThat(attr("Status")).isEqualTo("INTERRUPTED");
    }

    @Test
    void anInvalidExperimentIsRefusedWithItsPosition() throws Exception {
        assertThatThrownBy(() -> invoke("start", "name: x\nsteadyState: {probes: [{name: p,"
                + " http: {url: 'http://127.0.0.1:1/'}}]}\nmethod: 3\n"))
                .hasStackTraceContaining("jmx:3:9: method: expected a mapping (key: value lines), found '3'");
        assertThat(attr("Status")).isEqualTo("INVALID");
    }
}
