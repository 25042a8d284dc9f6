package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching to an application that already loaded chaos-core and uses it ({@code check("pay")}, its own
 * {@code arm}) while it loops on the JDK {@code HttpClient}: the application keeps working and the agent shares its
 * chaos state, so rules armed by the CLI act on woven calls and on {@code check}, and rules the application arms
 * itself act on woven calls. Once with chaos-core on the class path, once nested in a Spring Boot fat jar (loaded
 * by Boot's class loader, which the agent's system class path cannot see).
 */
class AttachToOwnCoreIT {
    private ChildJvm app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void sharesTheStateOfChaosCoreOnTheClassPath() throws Exception {
        String classpath = ChildJvm.location(OwnCoreApp.class) + File.pathSeparator
                + ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class);
        app = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp", classpath, OwnCoreApp.class.getName());
        attachArmAndCheck("jdk.internal.loader.ClassLoaders$AppClassLoader");
    }

    @Test
    void sharesTheStateOfChaosCoreNestedInAFatJar(@TempDir Path dir) throws Exception {
        Path jar = SpringBootFatJarIT.fatJar(dir, OwnCoreApp.class);
        app = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-jar", jar.toString());
        attachArmAndCheck("org.springframework.boot.loader");
    }

    @Test
    void refusesBeforeChangingAnythingWhenSeveralLoadersHoldChaosCore() throws Exception {
        app = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp", ChildJvm.location(TwoCoresApp.class).toString(),
                TwoCoresApp.class.getName(), ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> app.printedSince(0, "ALIVE bridge=absent"));

        List<String> command = List.of(ChildJvm.JAVA, "-jar", ChildJvm.AGENT, "attach", Long.toString(app.pid()),
                "http host=127.0.0.1 -> status(503)");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("chaos-core is already loaded by 2 class loaders");

        int mark = app.linesSoFar();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(mark + 5, "ALIVE bridge=absent"));
        assertThat(app.lines()).noneMatch(l -> l.contains("bridge=present"))
                .noneMatch(l -> l.contains("LinkageError") || l.contains("Exception in"));
    }

    private void attachArmAndCheck(String coreLoader) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> app.printedSince(0, "HTTP /pay 200"));
        assertThat(app.lines()).anyMatch(l -> l.startsWith("core-loader=" + coreLoader));

        String out = cli("attach", Long.toString(app.pid()), "http host=127.0.0.1 path=/pay -> status(503)",
                "custom name=pay -> exception(java.lang.IllegalStateException, \"pay is down\")");
        assertThat(out).contains("agent loaded", "chaos is enabled").doesNotContain("NOT armed", "failed");

        int mark = app.linesSoFar();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(mark, "HTTP /pay 503")
                && app.printedSince(mark, "CHECK FAIL java.lang.IllegalStateException: pay is down")
                && app.printedSince(mark, "HTTP /self 200"));

        // a rule the application arms through its own ChaosMonkey.global() acts on the woven HttpClient
        app.send("arm http path=/self -> status(502)");
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(mark, "HTTP /self 502"));
        assertThat(app.lines()).anyMatch(l -> l.startsWith("ARMED "))
                .noneMatch(l -> l.startsWith("ARM-FAILED"))
                .noneMatch(l -> l.contains("LinkageError") || l.contains("internal error"));

        String listed = cli("list", Long.toString(app.pid()));
        assertThat(listed).contains("installed=true", "path=/pay", "name=pay", "path=/self");
        cli("disarm", Long.toString(app.pid()), "all");
        int afterDisarm = app.linesSoFar();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.printedSince(afterDisarm + 4, "HTTP /pay 200")
                && app.printedSince(afterDisarm + 4, "CHECK ok") && app.printedSince(afterDisarm + 4, "HTTP /self 200"));
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
}
