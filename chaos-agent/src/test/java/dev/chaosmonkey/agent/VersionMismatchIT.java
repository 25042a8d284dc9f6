package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent warns when the application carries another chaos-core version, and the application still runs. */
class VersionMismatchIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String AGENT = System.getProperty("chaos.agent.jar");

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void warnsLoudlyAboutADifferentApplicationCopy(@TempDir Path dir) throws Exception {
        Path otherCore = dir.resolve("chaos-core-0.0.1-other.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(otherCore))) {
            out.putNextEntry(new JarEntry("dev/chaosmonkey/core/chaos-core.properties"));
            out.write("version=0.0.1-other\n".getBytes(StandardCharsets.UTF_8));
        }
        String classpath = location(StartupProbe.class) + File.pathSeparator + location(org.h2.Driver.class)
                + File.pathSeparator + otherCore;
        Process p = new ProcessBuilder(JAVA, "-javaagent:" + AGENT, "-cp", classpath, StartupProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("VERSION MISMATCH").contains("0.0.1-other").contains("startup-ms=");
        assertThat(p.exitValue()).isZero();
    }
}
