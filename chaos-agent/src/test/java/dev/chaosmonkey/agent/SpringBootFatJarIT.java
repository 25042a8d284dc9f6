package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot executable jar (Boot's launcher, application classes and nested library jars, chaos-core among
 * them): the agent weaves H2 inside the nested jar, and the application's own chaos-core resolves to the copy the
 * agent appended to the system class path, so a rule the application arms itself acts on woven calls.
 */
class SpringBootFatJarIT {
    private ChildJvm app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static Path fatJar(Path dir) throws Exception {
        return fatJar(dir, SelfArmingApp.class, ChildJvm.location(org.h2.Driver.class));
    }

    /**
     * A Spring Boot executable jar at {@code dir/app.jar}: Boot's launcher, {@code startClass} (one class file,
     * under {@code dev/chaosmonkey/agent}) and, nested in {@code BOOT-INF/lib}, chaos-core and {@code libraries}.
     */
    static Path fatJar(Path dir, Class<?> startClass, Path... libraries) throws Exception {
        Path jar = dir.resolve("app.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", startClass.getName());
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            try (JarFile loader = new JarFile(ChildJvm.location(
                    org.springframework.boot.loader.launch.JarLauncher.class)
                    .toFile())) {
                for (JarEntry e : java.util.Collections.list(loader.entries())) {
                    if (e.getName().startsWith("org/") && !e.isDirectory()) {
                        out.putNextEntry(new JarEntry(e.getName()));
                        try (InputStream in = loader.getInputStream(e)) {
                            in.transferTo(out);
                        }
                    }
                }
            }
            String classFile = startClass.getName().replace('.', '/') + ".class";
            for (String directory : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/dev/",
                    "BOOT-INF/classes/dev/chaosmonkey/", "BOOT-INF/classes/dev/chaosmonkey/agent/", "BOOT-INF/lib/")) {
                out.putNextEntry(new JarEntry(directory));
            }
            out.putNextEntry(new JarEntry("BOOT-INF/classes/" + classFile));
            try (InputStream in = startClass.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(out);
            }
            for (Path library : libraries) {
                storeNested(out, "BOOT-INF/lib/" + library.getFileName(), library);
            }
            storeNested(out, "BOOT-INF/lib/chaos-core.jar", chaosCoreJar());
        }
        return jar;
    }

    /** The application's chaos-core jar from the test class path. */
    private static Path chaosCoreJar() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String element : classpath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(element);
            if (p.getFileName() != null && p.getFileName().toString().startsWith("chaos-core")
                    && element.endsWith(".jar")) {
                return p;
            }
        }
        throw new IllegalStateException("no chaos-core jar on the test class path: " + classpath);
    }

    /** Nested jars must be stored uncompressed. */
    private static void storeNested(JarOutputStream out, String name, Path source) throws Exception {
        byte[] bytes = Files.readAllBytes(source);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        ((OutputStream) out).write(bytes);
    }

    @Test
    void agentWeavesNestedJarsAndSharesTheApplicationsChaosCore(@TempDir Path dir) throws Exception {
        Path jar = fatJar(dir);
        app = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-jar", jar.toString(),
                "jdbc sql=\"select 42\" -> exception(java.sql.SQLRecoverableException, \"from the app itself\")");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.lines())
                .anyMatch(l -> l.startsWith("FAIL java.sql.SQLRecoverableException: from the app itself")));
        assertThat(app.lines()).anyMatch(l -> l.startsWith("core-loader=jdk.internal.loader.ClassLoaders$AppClassLoader"))
                .noneMatch(l -> l.startsWith("OK")).noneMatch(l -> l.contains("LinkageError"));
    }

    /**
     * Rules armed by the agent options, Spring Boot's launcher first: the launcher's {@code JarUrlConnection} and
     * {@code NestedUrlConnection} are named like JDBC types, and loading them on the main thread once waited for the
     * background weaver (0.4 s of every Spring Boot start with rules armed). They name no {@code java.sql} type, so
     * they load at once; the nested H2 driver still waits, and the JVM's very first query is faulted. The start-up
     * lines the agent holds back in premain still come out, at the latest when the JVM exits.
     */
    @Test
    void bootLauncherClassesDoNotWaitForTheWeaverAndTheFirstQueryIsFaulted(@TempDir Path dir) throws Exception {
        Path jar = fatJar(dir, FatJarFirstQueryApp.class, ChildJvm.location(org.h2.Driver.class));
        Process p = new ProcessBuilder(ChildJvm.JAVA, "-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=jdbc"
                + " operation=query -> exception(java.sql.SQLTransientConnectionException, \"first query\")",
                "-Dchaos.agent.trace-startup=true", "-jar", jar.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines().toList()).as("output:%n%s", output)
                .contains("FIRST FAIL java.sql.SQLTransientConnectionException: first query", "DONE")
                .noneMatch(l -> l.contains("org.springframework.boot.loader") && l.contains("for the weaver"))
                .anyMatch(l -> l.contains("chaos enabled"))
                .anyMatch(l -> l.contains("wove for the rules of the agent options in"));
    }
}
