package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.tools.attach.VirtualMachine;

/**
 * Fail-safe behaviour of the packaged agent in separate JVMs: bad options and bad settings keep chaos off, CLI
 * arming is all or nothing, the CLI's connector is loopback-only, token-protected and closed afterwards, and the
 * bootstrap jar lives in a private directory that is cleaned of files left by killed JVMs.
 */
class AgentSafetyIT {
    private static final String FIRING = "jdbc operation=query -> exception(java.sql.SQLException, \"must not fire\")";
    private final List<ChildJvm> jvms = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm j : jvms) {
            j.close();
        }
    }

    private static String classpath() throws Exception {
        return ChildJvm.location(AttachTarget.class) + File.pathSeparator + ChildJvm.location(org.h2.Driver.class);
    }

    private ChildJvm start(Map<String, String> env, String... jvmArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(jvmArgs));
        args.addAll(List.of("-XX:+EnableDynamicAgentLoading", "-cp", classpath(), AttachTarget.class.getName()));
        ChildJvm jvm = ChildJvm.startWithEnvironment(env, args.toArray(new String[0]));
        jvms.add(jvm);
        return jvm;
    }

    private static long countSince(ChildJvm jvm, int mark, String prefix) {
        List<String> copy = new ArrayList<>(jvm.lines());
        return copy.subList(Math.min(mark, copy.size()), copy.size()).stream().filter(l -> l.startsWith(prefix))
                .count();
    }

    /** Waits for 20 more queries and asserts none of them failed. */
    private static void assertQueriesKeepSucceeding(ChildJvm jvm) {
        int mark = jvm.linesSoFar();
        await().atMost(Duration.ofSeconds(60)).until(() -> countSince(jvm, mark, "OK") >= 20);
        assertThat(jvm.linesContaining("FAIL")).isEmpty();
    }

    @Test
    void oneUnknownOptionKeepsChaosOffAndSaysSo() throws Exception {
        ChildJvm jvm = start(Map.of(), "-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=" + FIRING + ";bogus=1");
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        assertQueriesKeepSucceeding(jvm);
        assertThat(jvm.linesContaining("[chaos-agent] ERROR")).singleElement().asString()
                .contains("options rejected, NOTHING applied").contains("agent option 3 of 3 'bogus=1'");
    }

    @Test
    void validOptionsSayWhatWasApplied() throws Exception {
        ChildJvm jvm = start(Map.of(), "-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=" + FIRING);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "FAIL java.sql.SQLException: must not"));
        // the start's INFO lines are held in premain and logged from the agent's thread, at the latest 3 s later
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jvm.linesContaining("options applied: enabled=true armed [r1]")).hasSize(1));
        assertThat(jvm.linesContaining("chaos is enabled")).isNotEmpty();
    }

    @Test
    void invalidSettingsInProductionKeepChaosOffWhateverTheOptionsSay() throws Exception {
        ChildJvm jvm = start(Map.of("CHAOS_ENVIRONMENT", "prod", "CHAOS_MAX_RULES", "ten"),
                "-Dchaos.environment=", "-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=" + FIRING);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        assertQueriesKeepSucceeding(jvm);
        assertThat(jvm.linesContaining("[chaos] ERROR invalid chaos settings")).singleElement().asString()
                .contains("CHAOS_MAX_RULES must be a whole number, was 'ten'");
        assertThat(jvm.linesContaining("[chaos-agent] ERROR")).singleElement().asString()
                .contains("enabled=true was refused");
    }

    @Test
    void attachWithOneBadSpecAppliesNothing() throws Exception {
        ChildJvm jvm = start(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        String pid = Long.toString(jvm.pid());

        ChildJvm.Cli attach = ChildJvm.cli("attach", pid, FIRING, "jdbc -> delay(-5ms)");
        assertThat(attach.exitCode).as(attach.toString()).isEqualTo(1);
        assertThat(attach.output).contains("NOTHING applied").contains("delay must not be negative")
                .doesNotContain("armed r");

        ChildJvm.Cli list = ChildJvm.cli("list", pid);
        assertThat(list.exitCode).as(list.toString()).isZero();
        assertThat(list.output).contains("no rules armed").contains("chaos disabled (not enabled");
        assertQueriesKeepSucceeding(jvm);

        ChildJvm.Cli good = ChildJvm.cli("attach", pid, FIRING);
        assertThat(good.exitCode).as(good.toString()).isZero();
        assertThat(good.output).contains("applied: armed r").contains("chaos is enabled");
        ChildJvm.cli("disarm", pid, "all");
    }

    @Test
    void theCliConnectorIsLoopbackOnlyTokenProtectedAndClosedWhenDone() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to list sockets");
        ChildJvm jvm = start(Map.of(), "-javaagent:" + ChildJvm.AGENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        String pid = Long.toString(jvm.pid());

        ChildJvm.Cli list = ChildJvm.cli("list", pid);
        assertThat(list.exitCode).as(list.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ListeningSockets.of(jvm.pid()))
                .as("after the CLI is done nothing listens").isEmpty());

        // what the CLI does, step by step, to look at the connector while it is open
        String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        String token = "t" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            vm.loadAgent(ChildJvm.AGENT, "cli-connector=" + nonce + ":" + token);
            address = vm.getSystemProperties().getProperty("dev.chaosmonkey.agent.cli-connector." + nonce);
        } finally {
            vm.detach();
        }
        assertThat(address).startsWith("service:jmx:rmi://127.0.0.1");
        List<String> open = ListeningSockets.of(jvm.pid());
        assertThat(open).isNotEmpty().allSatisfy(a -> assertThat(a).as("bound address").isIn("127.0.0.1", "::1", "127.0.0.1 (v4-mapped)"));

        JMXServiceURL url = new JMXServiceURL(address);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url).close()).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                new String[] {"chaos-cli", "guess"})).close()).isInstanceOf(SecurityException.class);
        try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                new String[] {"chaos-cli", token}))) {
            assertThat(c.getMBeanServerConnection().isRegistered(new ObjectName("dev.chaosmonkey:type=ChaosMonkey")))
                    .isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ListeningSockets.of(jvm.pid()))
                .as("closed with its connection").isEmpty());
    }

    @Test
    void theBootstrapJarIsPrivateAndFilesOfKilledJvmsAreRemoved() throws Exception {
        Path tmp = Files.createTempDirectory("chaos-tmp-");
        String tmpFlag = "-Djava.io.tmpdir=" + tmp;
        ChildJvm first = start(Map.of(), tmpFlag, "-javaagent:" + ChildJvm.AGENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.printedSince(0, "OK"));
        Path dir;
        try (var s = Files.list(tmp)) {
            dir = s.filter(p -> p.getFileName().toString().startsWith("chaos-agent-")).findFirst().orElseThrow();
        }
        // the bridge jar (bootstrap class path) and, with no chaos-core on the application's class path, the core jar
        List<Path> jars = jarsIn(dir);
        assertThat(jars).isNotEmpty().allSatisfy(
                jar -> assertThat(jar.getFileName().toString()).startsWith("chaos-bootstrap-" + first.pid() + "-"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (Path jar : jars) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar))).isEqualTo("rw-------");
        }

        first.kill();
        assertThat(jarsIn(dir)).as("a killed JVM leaves its jars behind").hasSameSizeAs(jars);

        ChildJvm second = start(Map.of(), tmpFlag, "-javaagent:" + ChildJvm.AGENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.printedSince(0, "OK"));
        assertThat(jarsIn(dir)).as("the killed JVM's jars are removed").hasSameSizeAs(jars).allSatisfy(
                jar -> assertThat(jar.getFileName().toString()).startsWith("chaos-bootstrap-" + second.pid() + "-"));
        second.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> jarsIn(dir).isEmpty());
    }

    private static List<Path> jarsIn(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chaos-bootstrap-")).toList();
        }
    }
}
