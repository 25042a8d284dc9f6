package dev.chaosmonkey.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's main job end to end: {@code ./demo.sh} itself (build skipped: the reactor built everything), which
 * starts the packaged service in its own JVM under the packaged agent, runs the inventory-outage experiment file with
 * the agent's CLI and stops the service. Checks the exit code, the verdict and MTTR lines, and that the HTML report
 * exists and is well-formed (every element closed
 * in order, see {@link HtmlStructure}) and names the experiment and its verdict.
 */
class DemoScriptIT {
    private static final Pattern REPORT = Pattern.compile("(?m)^report: (.+\\.html)$");

    @Test
    void demoRunsTheInventoryOutageExperimentAndTheHypothesisHolds() throws Exception {
        Path repo = Path.of(System.getProperty("repo.dir")).toRealPath();
        Path agent = Path.of(System.getProperty("agent.jar"));
        assertThat(agent).isRegularFile();
        assumeThat(hasExperimentCommand(agent))
                .as("the agent jar has the experiment command (chaos-experiment merged)").isTrue();
        Path reports = Path.of(System.getProperty("sample.dir"), "target", "demo-it-reports");
        Path out = Files.createTempFile("demo", ".log");

        ProcessBuilder pb = new ProcessBuilder(List.of("bash", repo.resolve("demo.sh").toString()))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("DEMO_SKIP_BUILD", "1");
        pb.environment().put("DEMO_AGENT_JAR", agent.toString());
        pb.environment().put("DEMO_REPORT_DIR", reports.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process demo = pb.start();
        boolean finished = demo.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(finished).as("demo finished in time; output:%n%s", output).isTrue();
        assertThat(demo.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("service up on http://127.0.0.1:", "verdict: the hypothesis holds (exit 0)")
                .containsPattern("(?m)^MTTR: \\d+ ms$");
        Matcher m = REPORT.matcher(output);
        assertThat(m.find()).as("report line in:%n%s", output).isTrue();
        Path html = Path.of(m.group(1));
        assertThat(html).isRegularFile().startsWith(reports);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(HtmlStructure.problems(page)).as("structure of %s", html).isEmpty();
        assertThat(page).startsWith("<!DOCTYPE html>").contains("inventory-outage", "hypothesis holds");
        assertThat(reports.resolve("inventory-outage.journal.json")).isRegularFile();
        // the service was stopped: nothing listens on the port it had any more
        Matcher port = Pattern.compile("service up on http://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)").matcher(output);
        assertThat(port.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(port.group(2))).map(ProcessHandle::isAlive).orElse(false))
                .as("service process still alive").isFalse();
    }

    private static boolean hasExperimentCommand(Path agent) throws IOException {
        try (JarFile jar = new JarFile(agent.toFile())) {
            return jar.getEntry("dev/chaosmonkey/agent/internal/ExperimentCli.class") != null;
        }
    }
}
