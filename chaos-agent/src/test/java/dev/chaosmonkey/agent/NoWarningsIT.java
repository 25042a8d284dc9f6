package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starting and attaching the agent prints no warning: in particular none from ByteBuddy's use of
 * {@code sun.misc.Unsafe}, which JDK 24+ reports ({@code sun.misc.Unsafe::objectFieldOffset has been called by
 * ...ClassInjector$UsingUnsafe...}). Runs on the JDK running the tests, so CI checks JDK 17 and JDK 25. The JDK's own
 * notice for dynamic loading is silenced with {@code -XX:+EnableDynamicAgentLoading}, as the README explains.
 */
class NoWarningsIT {
    private ChildJvm app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static String classpath() throws Exception {
        return ChildJvm.location(StartupProbe.class) + File.pathSeparator + ChildJvm.location(org.h2.Driver.class);
    }

    private static void assertNoWarning(List<String> lines) {
        assertThat(lines).noneMatch(l -> l.contains("sun.misc.Unsafe"))
                .noneMatch(l -> l.startsWith("WARNING"))
                .noneMatch(l -> l.startsWith("[chaos-agent]"));
    }

    @Test
    void javaagentStartsWithoutWarnings() throws Exception {
        Process p = new ProcessBuilder(ChildJvm.JAVA, "-javaagent:" + ChildJvm.AGENT
                + "=enabled=true;spec=jdbc sql=\"select 2\" -> delay(1ms)", "-cp", classpath(),
                StartupProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("startup-ms=", "chaos-agent");
        assertNoWarning(output.lines().toList());
    }

    @Test
    void attachWithoutWarnings() throws Exception {
        app = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp", classpath(), AttachTarget.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(0, "OK"));
        Process cli = new ProcessBuilder(ChildJvm.JAVA, "-jar", ChildJvm.AGENT, "attach", Long.toString(app.pid()),
                "jdbc sql=\"select 2\" -> delay(1ms)").redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("agent loaded", "armed r");
        int mark = app.linesSoFar();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(mark + 5, "OK"));
        assertNoWarning(app.lines());
        assertNoWarning(out.lines().toList());
    }
}
