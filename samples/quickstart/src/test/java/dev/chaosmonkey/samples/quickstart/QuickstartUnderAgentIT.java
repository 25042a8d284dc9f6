package dev.chaosmonkey.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the README's main job the way {@code demo.sh} does: the packaged quickstart in its own JVM under the packaged
 * agent, with the fault plan given to the agent. The demo itself checks that every error it saw was an injected one
 * and that every point of the plan received faults; this test checks its verdict and the per-point summary.
 */
class QuickstartUnderAgentIT {

    @Test
    void demoRunsUnderTheAgentAndEveryPointReceivesFaults() throws Exception {
        Path agent = Path.of(System.getProperty("chaos.agent.jar"));
        Path sample = Path.of(System.getProperty("sample.dir"));
        assertThat(agent).isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = sample.resolve("target/classes") + File.pathSeparator + sample.resolve("target/lib/*");
        Path out = Files.createTempFile("quickstart", ".log");

        Process process = new ProcessBuilder(List.of(java,
                "-javaagent:" + agent + "=enabled=true;config=" + sample.resolve("fault-plan.txt"),
                "-cp", classpath, QuickstartDemo.class.getName(), "12"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(finished).as("demo finished in time; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("running under the chaos agent", "verdict: OK");
        // every 4th query fails: orders 4, 8, 12
        assertThat(output).containsPattern("(?m)^  jdbc\\s+12\\s+9\\s+3\\s+\\d+\\s+3\\s+0$");
        // every 3rd Kafka send fails: 4 of 12
        assertThat(output).containsPattern("(?m)^  kafka\\s+12\\s+8\\s+4\\s+\\d+\\s+4\\s+0$");
        assertThat(output).contains("FAILED java.sql.SQLTransientConnectionException: orders db unavailable",
                "FAILED org.apache.kafka.common.errors.TimeoutException: broker did not answer", "HTTP 503");
    }
}
