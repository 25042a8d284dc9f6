package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;

/**
 * Class-data sharing stays on with the agent and rules armed: the bridge classes are defined in the boot loader
 * instead of appending a jar to the bootstrap class path (which makes the JVM print "Sharing is only supported for
 * boot loader classes because bootstrap classpath has been appended" and load every other class from its class
 * file). The application's archive is made by a run without the agent ({@code -XX:ArchiveClassesAtExit}); the run
 * with the agent uses it ({@code -XX:SharedArchiveFile}) and its rules still fire from the first call.
 */
class ClassDataSharingIT {
    private static final List<Class<?>> APP = List.of(FirstCallApp.class, OkServer.class,
            AgentInternalErrors.class, com.example.shop.Inventory.class);

    @Test
    void applicationClassesComeFromTheArchiveWithRulesArmed() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cds"));
        Path jar = dir.resolve("first-call-app.jar");
        writeJar(jar);
        // CDS archives only classes from jars
        String classpath = jar.toAbsolutePath() + File.pathSeparator + ChildJvm.location(org.h2.Driver.class);
        Path archive = dir.resolve("first-call-app.jsa");
        Files.deleteIfExists(archive);
        String dump = run(List.of("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(), "-cp", classpath,
                FirstCallApp.class.getName()));
        assertThat(dump).contains("JDBC OK 5", "DONE");
        assertThat(archive).as("archive not written:%n%s", dump).exists();

        String options = "enabled=true"
                + ";spec=jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")"
                + ";spec=http host=127.0.0.1 -> status(503)";
        String output = run(List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xshare:auto",
                "-Xlog:class+load=info", "-javaagent:" + ChildJvm.AGENT + "=" + options, "-cp", classpath,
                FirstCallApp.class.getName()));
        List<String> lines = output.lines().toList();
        assertThat(lines).as("output:%n%s", output)
                .contains("JDBC FAIL java.sql.SQLTransientConnectionException: first query", "HTTP 503",
                        "INTERNAL-ERRORS 0", "DONE")
                .noneMatch(l -> l.contains("Sharing is only supported for boot loader classes"))
                .noneMatch(l -> l.contains("cannot define the bridge classes"))
                .anyMatch(l -> l.contains("dev.chaosmonkey.agent.bootstrap.ChaosBridge source: __JVM_DefineClass__"));
        long h2 = lines.stream().filter(l -> l.contains(" org.h2.")).count();
        long h2Shared = lines.stream().filter(l -> l.contains(" org.h2.") && l.contains("source: shared objects file"))
                .count();
        // the few woven H2 classes are parsed again; every other application class comes from the archive
        assertThat(h2).isGreaterThan(100);
        assertThat(h2Shared).as("H2 classes from the archive").isGreaterThan(h2 * 9 / 10);
        assertThat(lines).anyMatch(l -> l.contains("dev.chaosmonkey.agent.FirstCallApp source: shared objects file"));
    }

    private static String run(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.JAVA);
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static void writeJar(Path jar) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> c : APP) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (var in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
