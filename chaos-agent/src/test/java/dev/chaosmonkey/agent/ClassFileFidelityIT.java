package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Woven and restored classes keep every attribute of their class file: JDK 17 hands a retransforming agent bytes
 * without {@code MethodParameters}, so weaving a loaded class (or restoring it) used to turn parameter names into
 * {@code arg0, arg1}. Both tests run in a separate JVM with the packaged agent.
 */
class ClassFileFidelityIT {
    private ChildJvm child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.close();
            child.lines().forEach(l -> System.out.println("child> " + l)); // in the failsafe report
        }
    }

    /**
     * The test class path for a child JVM, without the agent's unshaded classes and ByteBuddy: the agent comes from
     * the packaged jar, as for users.
     */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("chaos-agent/target/classes"))
                .filter(e -> !e.contains("byte-buddy"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void parameterNamesSurviveWeavingDisarmAndDetach() throws Exception {
        child = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-Dchaos.enabled=true", "-cp",
                testClassPath(),
                ParameterNamesApp.class.getName());
        await().atMost(Duration.ofSeconds(90)).until(() -> child.printedSince(0, "DONE")
                || child.printedSince(0, "Exception"));
        assertThat(child.lines()).as("output of the child JVM").contains(
                "NAMES before page,sortBy",
                "INJECTED catalog offline",
                "NAMES armed page,sortBy",
                "NAMES disarmed page,sortBy",
                // Catalog only: the JDK socket classes of the net point are woven only once a net rule is armed
                "RESTORED 1",
                "NAMES detached page,sortBy",
                "PAGE page 2 by name",
                "DONE");
        assertThat(child.lines()).noneMatch(l -> l.contains("could not compare the class file"));
    }

    @Test
    void springMvcRequestParamStillBindsWhileArmedAndAfterDisarmAndDetach() throws Exception {
        child = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp", testClassPath(),
                com.example.web.VetsApplication.class.getName());
        await().atMost(Duration.ofSeconds(120)).failFast(() -> !child.isAlive())
                .until(() -> child.printedSince(0, "PORT "));
        String port = child.lines().stream().filter(l -> l.startsWith("PORT ")).findFirst().orElseThrow()
                .substring(5).trim();
        String base = "http://127.0.0.1:" + port;
        URI specialties = URI.create(base + "/specialties");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // Spring reads a parameter name on the first request to a method and keeps it: each phase asks a new one
        assertThat(get(http, specialties)).isEqualTo("200 radiology, surgery");

        String pid = Long.toString(child.pid());
        cli("attach", pid, "method class=com.example.web.VetController method=specialties -> "
                + "exception(java.lang.IllegalStateException, \"specialties offline\")");
        assertThat(get(http, specialties)).startsWith("500");
        assertThat(get(http, URI.create(base + "/vets?page=2"))).as("the rule is on another method of the controller")
                .isEqualTo("200 vets page 2");
        assertThat(cli("list", pid)).containsPattern("injected=1\\b");

        cli("disarm", pid, "all");
        assertThat(get(http, URI.create(base + "/vets/retired?page=3"))).isEqualTo("200 retired vets page 3");
        assertThat(get(http, specialties)).isEqualTo("200 radiology, surgery");

        assertThat(cli("detach", pid)).contains("detached");
        assertThat(get(http, URI.create(base + "/vets/visiting?page=4"))).isEqualTo("200 visiting vets page 4");
        assertThat(get(http, URI.create(base + "/vets?page=5"))).isEqualTo("200 vets page 5");
        assertThat(get(http, specialties)).isEqualTo("200 radiology, surgery");
        assertThat(child.lines()).noneMatch(l -> l.contains("parameter name information not available"));
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.JAVA, "-jar", ChildJvm.AGENT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s, output:%n%s", List.of(args), out).isZero();
        return out;
    }
}
