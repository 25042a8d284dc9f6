package dev.chaosmonkey.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-installing an agent jar into this JVM through byte-buddy-agent, as -Dchaos.agent.jar does. */
class AgentInstallerTest {

    @Test
    void installsAnAgentJarIntoTheRunningJvmOnce(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("probe-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", ProbeAgent.class.getName());
        String entry = ProbeAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                var in = ProbeAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }

        assertThat(AgentInstaller.install(jar.toFile())).isTrue();
        assertThat(ProbeAgent.instrumentation).as("agentmain ran in this JVM").isNotNull();
        assertThat(AgentInstaller.install(jar.toFile())).as("second install is a no-op").isFalse();
    }

    @Test
    void missingJarIsNamed() {
        File missing = new File("/nonexistent/chaos-agent.jar");
        assertThatThrownBy(() -> AgentInstaller.install(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("chaos.agent.jar names /nonexistent/chaos-agent.jar, which is not a file");
    }

    /** Agent main class of the generated jar. */
    public static final class ProbeAgent {
        static volatile java.lang.instrument.Instrumentation instrumentation;

        private ProbeAgent() {
        }

        /** Called by the JVM on attach. */
        public static void agentmain(String args, java.lang.instrument.Instrumentation inst) {
            instrumentation = inst;
        }

    }
}
