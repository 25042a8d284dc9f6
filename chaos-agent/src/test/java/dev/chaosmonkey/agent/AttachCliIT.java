package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attaches the packaged agent to a separate JVM with the CLI, then lists, disarms, detaches and re-attaches. */
class AttachCliIT {
    private ChildJvm target;

    @AfterEach
    void stop() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.JAVA, "-jar", ChildJvm.AGENT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s, output:%n%s", List.of(args), out).isZero();
        return out;
    }

    @Test
    void attachListDisarmDetach() throws Exception {
        String classpath = ChildJvm.location(AttachTarget.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class);
        target = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp", classpath, AttachTarget.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> target.printedSince(0, "OK"));
        String pid = Long.toString(target.pid());

        String spec = "jdbc operation=query sql~\"(?i)from stock\" -> "
                + "exception(java.sql.SQLTransientConnectionException, \"injected by cli\")";
        String attached = cli("attach", pid, spec);
        assertThat(attached).contains("agent loaded").contains("armed r").contains("chaos is enabled");
        int mark = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(mark,
                "FAIL java.sql.SQLTransientConnectionException: injected by cli"));

        String listed = cli("list", pid);
        assertThat(listed).contains("installed=true").contains("from stock").containsPattern("injected=[1-9]");

        cli("disarm", pid, "all");
        int afterDisarm = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(afterDisarm + 2, "OK"));

        String detached = cli("detach", pid);
        assertThat(detached).contains("detached");
        assertThat(cli("list", pid)).contains("installed=false").contains("no rules armed");

        // attaching again re-installs the instrumentation
        String again = cli("attach", pid, "jdbc operation=query -> exception(java.sql.SQLException, \"again\")");
        assertThat(again).contains("agent loaded");
        int mark2 = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(mark2, "FAIL java.sql.SQLException: again"));
        cli("disarm", pid, "all");
    }
}
