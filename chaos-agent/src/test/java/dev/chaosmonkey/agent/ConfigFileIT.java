package dev.chaosmonkey.agent;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -javaagent:chaos-agent.jar=enabled=true;config=<file>}: rules from a file, re-armed when it changes. */
class ConfigFileIT {
    private ChildJvm target;

    @AfterEach
    void stop() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void rulesFollowTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chaos.txt");
        Files.writeString(file, "# chaos for the stock query\n"
                + "jdbc sql~\"(?i)from stock\" -> exception(java.sql.SQLTimeoutException, \"from file\")\n");
        String classpath = ChildJvm.location(AttachTarget.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class);
        target = ChildJvm.start("-javaagent:" + ChildJvm.AGENT + "=enabled=true;config=" + file,
                "-Dchaos.agent.config-poll-ms=200", "-cp", classpath, AttachTarget.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> target.printedSince(0,
                "FAIL java.sql.SQLTimeoutException: from file"));

        Files.writeString(file, "# nothing armed now\n");
        int mark = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(mark, "OK"));

        Files.writeString(file, "jdbc operation=query -> exception(java.sql.SQLException, \"second version\")\n");
        int mark2 = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(mark2,
                "FAIL java.sql.SQLException: second version"));
    }
}
