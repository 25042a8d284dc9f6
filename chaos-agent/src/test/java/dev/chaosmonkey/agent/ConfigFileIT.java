package dev.chaosmonkey.agent;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -javaagent:chaos-agent.jar=enabled=true;config=<file>}: rules from a file, re-armed when it changes. */
class ConfigFileIT {
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

    private boolean printedSince(int from, String prefix) {
        List<String> copy = new ArrayList<>(lines);
        return copy.subList(Math.min(from, copy.size()), copy.size()).stream().anyMatch(l -> l.startsWith(prefix));
    }

    @Test
    void rulesFollowTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chaos.txt");
        Files.writeString(file, "# chaos for the stock query\n"
                + "jdbc sql~\"(?i)from stock\" -> exception(java.sql.SQLTimeoutException, \"from file\")\n");
        String classpath = location(AttachTarget.class) + File.pathSeparator + location(org.h2.Driver.class);
        target = new ProcessBuilder(JAVA, "-javaagent:" + AGENT + "=enabled=true;config=" + file,
                "-Dchaos.agent.config-poll-ms=200", "-cp", classpath, AttachTarget.class.getName())
                .redirectErrorStream(true).start();
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
        await().atMost(Duration.ofSeconds(30)).until(() -> printedSince(0,
                "FAIL java.sql.SQLTimeoutException: from file"));

        Files.writeString(file, "# nothing armed now\n");
        int mark = lines.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> printedSince(mark, "OK"));

        Files.writeString(file, "jdbc operation=query -> exception(java.sql.SQLException, \"second version\")\n");
        int mark2 = lines.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> printedSince(mark2,
                "FAIL java.sql.SQLException: second version"));
    }
}
