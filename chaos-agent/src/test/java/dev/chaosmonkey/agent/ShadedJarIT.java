package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The packaged agent jar leaks nothing: only dev/chaosmonkey classes and the relocated ByteBuddy. */
class ShadedJarIT {
    private static final Path AGENT = Path.of(System.getProperty("chaos.agent.jar"));
    private static final Pattern ALLOWED = Pattern.compile("(META-INF/versions/\\d+/)?dev/chaosmonkey/.*");

    @Test
    void onlyChaosClassesAndRelocatedByteBuddy() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<String> unrelocated = new ArrayList<>();
        int bytebuddy = 0;
        byte[] nested = null;
        boolean core = false;
        try (JarFile jar = new JarFile(AGENT.toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                String name = e.getName();
                core |= name.equals("META-INF/chaos-agent/chaos-core.jar");
                if (name.equals("META-INF/chaos-agent/chaos-bridge.jar")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        nested = in.readAllBytes();
                    }
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (!ALLOWED.matcher(name).matches()) {
                    leaks.add(name);
                }
                if (name.contains("dev/chaosmonkey/agent/shaded/bytebuddy/")) {
                    bytebuddy++;
                }
                if (name.startsWith("dev/chaosmonkey/core/") || name.startsWith("dev/chaosmonkey/agent/bootstrap/")) {
                    leaks.add(name + " (belongs in a nested jar only)");
                }
                try (InputStream in = jar.getInputStream(e)) {
                    if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("net/bytebuddy/")) {
                        unrelocated.add(name);
                    }
                }
            }
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.chaosmonkey.agent.ChaosAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.chaosmonkey.agent.ChaosAgent");
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.chaosmonkey.agent.ChaosAgent");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
        }
        assertThat(leaks).isEmpty();
        assertThat(unrelocated).isEmpty();
        assertThat(bytebuddy).isGreaterThan(1000);
        assertThat(nested).isNotNull();
        assertThat(core).as("nested chaos-core.jar").isTrue();

        List<String> bootstrapClasses = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(nested))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().endsWith(".class")) {
                    bootstrapClasses.add(e.getName());
                }
            }
        }
        // the bridge never carries chaos-core: an application that loaded chaos-core itself must not clash with it
        assertThat(bootstrapClasses).allMatch(n -> n.startsWith("dev/chaosmonkey/agent/bootstrap/"));
        assertThat(bootstrapClasses).contains("dev/chaosmonkey/agent/bootstrap/ChaosBridge.class",
                "dev/chaosmonkey/agent/bootstrap/CallDepth.class");
        assertThat(bootstrapClasses).noneMatch(n -> n.contains("bytebuddy"));
    }

    @Test
    void helpDocumentsTheCommands() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                AGENT.toString(), "--help").redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("attach <pid>", "list <pid>", "disarm <pid>",
                "detach <pid>", "-javaagent:chaos-agent.jar", "config=<file>", "enabled=true");
    }
}
