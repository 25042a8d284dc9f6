package dev.chaosmonkey.spring.coexistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The starter and the chaos agent in one JVM decide each logical call once: a Spring Boot application in a separate
 * JVM, started with {@code -javaagent} and without it, counts {@code matched} per rule after {@value
 * CoexistenceApp#CALLS} calls on the jdbc, http and method points.
 */
class AgentCoexistenceIT {
    private static final String AGENT = System.getProperty("chaos.agent.jar");

    @Test
    void withTheAgentEachCallIsDecidedOnce() throws Exception {
        assertThat(AGENT).as("chaos.agent.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(AGENT)).exists();
        String line = run("-javaagent:" + AGENT);
        assertThat(line).isEqualTo("coexistence agent=true dataSourceWrapped=false jdbc=5 http=5 method=5"
                + " webclient=5 internalErrors=0");
    }

    @Test
    void withoutTheAgentTheWrappersDecideEachCallOnce() throws Exception {
        String line = run(null);
        assertThat(line).isEqualTo("coexistence agent=false dataSourceWrapped=true jdbc=5 http=5 method=5"
                + " webclient=5 internalErrors=0");
    }

    private static String run(String agentArgument) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        if (agentArgument != null) {
            command.add(agentArgument);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CoexistenceApp.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                lines.add(l);
            }
        }
        boolean exited = process.waitFor(180, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        Path log = Path.of("target", "coexistence-" + (agentArgument == null ? "plain" : "agent") + ".log");
        Files.write(log, lines);
        assertThat(exited).as("the application exited; output in " + log.toAbsolutePath()).isTrue();
        assertThat(process.exitValue()).as("exit code; output in " + log.toAbsolutePath()).isZero();
        return lines.stream().filter(x -> x.startsWith("coexistence ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line; output in " + log.toAbsolutePath()));
    }
}
