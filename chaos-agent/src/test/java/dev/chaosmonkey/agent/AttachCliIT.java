package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attaches the packaged agent to a separate JVM with the CLI, then lists, disarms, detaches and re-attaches. */
class AttachCliIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String AGENT = System.getProperty("chaos.agent.jar");

    private Process target;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (target != null) {
            target.destroy();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private int linesSoFar() {
        return lines.size();
    }

    private boolean printedSince(int from, String prefix) {
        List<String> copy = new ArrayList<>(lines);
        return copy.subList(Math.min(from, copy.size()), copy.size()).stream().anyMatch(l -> l.startsWith(prefix));
    }

    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", AGENT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s, output:%n%s", List.of(args), out).isZero();
        return out;
    }

    @Test
    void attachListDisarmDetach() throws Exception {
        String classpath = location(AttachTarget.class) + File.pathSeparator + location(org.h2.Driver.class);
        target = new ProcessBuilder(JAVA, "-XX:+EnableDynamicAgentLoading", "-cp", classpath,
                AttachTarget.class.getName()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(target.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> printedSince(0, "OK"));
        String pid = Long.toString(target.pid());

        String spec = "jdbc operation=query sql~\"(?i)from stock\" -> "
                + "exception(java.sql.SQLTransientConnectionException, \"injected by cli\")";
        String attached = cli("attach", pid, spec);
        assertThat(attached).contains("agent loaded").contains("armed r").contains("chaos is enabled");
        int mark = linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> printedSince(mark,
                "FAIL java.sql.SQLTransientConnectionException: injected by cli"));

        String listed = cli("list", pid);
        assertThat(listed).contains("installed=true").contains("from stock").containsPattern("injected=[1-9]");

        cli("disarm", pid, "all");
        int afterDisarm = linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> printedSince(afterDisarm + 2, "OK"));

        String detached = cli("detach", pid);
        assertThat(detached).contains("detached");
        assertThat(cli("list", pid)).contains("installed=false").contains("no rules armed");

        // attaching again re-installs the instrumentation
        String again = cli("attach", pid, "jdbc operation=query -> exception(java.sql.SQLException, \"again\")");
        assertThat(again).contains("agent loaded");
        int mark2 = linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> printedSince(mark2, "FAIL java.sql.SQLException: again"));
        cli("disarm", pid, "all");
    }
}
