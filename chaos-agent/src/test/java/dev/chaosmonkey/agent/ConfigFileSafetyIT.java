package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config=<file>} is all or nothing and fails safe, in a separate JVM: a version of the file that fails any
 * check leaves the previous rules armed and is logged once with line and column; expired rules are not re-armed by
 * saving the file; a FIFO never blocks start-up; a missing file is a warning; a file that is no spec file is not
 * echoed into the log.
 */
class ConfigFileSafetyIT {
    private static final String V1 = "jdbc operation=query -> exception(java.sql.SQLException, \"from file v1\")";
    private static final String V1_FAIL = "FAIL java.sql.SQLException: from file v1";
    private final List<ChildJvm> jvms = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm j : jvms) {
            j.close();
        }
    }

    private ChildJvm start(Path config) throws Exception {
        String classpath = ChildJvm.location(AttachTarget.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class);
        ChildJvm jvm = ChildJvm.start("-javaagent:" + ChildJvm.AGENT + "=enabled=true;config=" + config,
                "-Dchaos.agent.config-poll-ms=200", "-XX:+EnableDynamicAgentLoading", "-cp", classpath,
                AttachTarget.class.getName());
        jvms.add(jvm);
        return jvm;
    }

    private static long countSince(ChildJvm jvm, int mark, String prefix) {
        List<String> copy = new ArrayList<>(jvm.lines());
        return copy.subList(Math.min(mark, copy.size()), copy.size()).stream().filter(l -> l.startsWith(prefix))
                .count();
    }

    /** Writes a bad version and checks: one error naming line (and column), old rule still injecting. */
    private static void rejected(ChildJvm jvm, Path file, String text, String... expected) throws Exception {
        int mark = jvm.linesSoFar();
        Files.writeString(file, text);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.lines().subList(mark, jvm.linesSoFar()).stream()
                .anyMatch(l -> l.contains("this version of the file was not applied")));
        int afterError = jvm.linesSoFar();
        // the old rule keeps injecting for many polls, and the error is not repeated
        await().atMost(Duration.ofSeconds(60)).until(() -> countSince(jvm, afterError, V1_FAIL) >= 20);
        List<String> errors = jvm.lines().subList(mark, jvm.linesSoFar()).stream()
                .filter(l -> l.contains("this version of the file was not applied")).toList();
        assertThat(errors).as("logged once").singleElement().asString().contains(expected);
        assertThat(countSince(jvm, afterError, "OK")).as("no query succeeded: the old rule stayed").isZero();
    }

    @Test
    void aVersionThatFailsAnyArmTimeCheckChangesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chaos.txt");
        Files.writeString(file, V1 + "\n");
        ChildJvm jvm = start(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, V1_FAIL));

        String unknown = "jdbc operation=update -> exception(com.acme.Nope)";
        rejected(jvm, file, V1 + "\n" + unknown + "\n",
                "line 2, column " + (unknown.indexOf("com.acme") + 1) + ":", "com.acme.Nope");
        String tooLong = "jdbc operation=update -> exception for=48h";
        rejected(jvm, file, V1 + "\n" + tooLong + "\n",
                "line 2, column " + (tooLong.indexOf("for=") + 1) + ":", "for=48h exceeds the maximum 24h");
        String slow = "jdbc operation=update -> delay(10m)";
        rejected(jvm, file, V1 + "\n# slow\n" + slow + "\n",
                "line 3, column " + (slow.indexOf("delay(") + 1) + ":", "exceeds the maximum 5m");
        rejected(jvm, file, V1 + "\njdbc operation=update -> exception id=dup\nhttp -> status(503) id=dup\n",
                "line 3, column ", "'dup' is already armed");

        ChildJvm.Cli armed = ChildJvm.cli("attach", Long.toString(jvm.pid()), "custom name=x -> exception id=by-jmx");
        assertThat(armed.exitCode).as(armed.toString()).isZero();
        rejected(jvm, file, V1 + "\ncustom name=y -> exception id=by-jmx\n", "line 2, column ",
                "'by-jmx' is already armed");

        StringBuilder many = new StringBuilder(V1 + "\n");
        for (int i = 0; i < 100; i++) {
            many.append("custom name=n").append(i).append(" -> exception\n");
        }
        rejected(jvm, file, many.toString(), "the limit is 100 (chaos.max-rules)");

        // a good version still applies afterwards
        int mark = jvm.linesSoFar();
        Files.writeString(file, "jdbc operation=query -> exception(java.sql.SQLException, \"v2\")\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(mark, "FAIL java.sql.SQLException: v2"));
        assertThat(jvm.linesContaining("Exception in").stream().filter(l -> l.contains("chaos"))).isEmpty();
    }

    @Test
    void expiredRulesAreNotReArmedBySavingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chaos.txt");
        // long enough that a child JVM on a loaded machine makes its first query before the rule expires
        String rule = "jdbc operation=query -> exception(java.sql.SQLException, \"short-lived\") for=10s";
        Files.writeString(file, rule + "\n");
        ChildJvm jvm = start(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "FAIL java.sql.SQLException: short"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jvm.linesContaining("expired after").size() == 1);

        // saved unchanged (new modification time), then with only a comment added: the expired rule stays expired
        int mark = jvm.linesSoFar();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        Files.writeString(file, "# still here\n" + rule + "\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.lines().subList(mark, jvm.linesSoFar()).stream()
                .anyMatch(l -> l.contains("applied " + file)));
        int afterSave = jvm.linesSoFar();
        await().atMost(Duration.ofSeconds(60)).until(() -> countSince(jvm, afterSave, "OK") >= 20);
        assertThat(countSince(jvm, mark, "FAIL")).isZero();

        // editing the rule's line arms it again
        Files.writeString(file, "# still here\n" + rule.replace("for=10s", "for=12s") + "\n");
        int mark2 = jvm.linesSoFar();
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(mark2, "FAIL java.sql.SQLException: short"));
    }

    @Test
    void aFifoNeverBlocksStartUp(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("chaos.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed");
        ChildJvm jvm = start(fifo);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        assertThat(jvm.linesContaining("is not a regular file")).hasSize(1);
    }

    @Test
    void aMissingFileIsAWarningAndIsAppliedWhenItAppears(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("later.txt");
        ChildJvm jvm = start(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, "OK"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.lines().stream()
                .anyMatch(l -> l.startsWith("WARNING: chaos-agent: config file " + file + " does not exist")));
        Files.writeString(file, V1 + "\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.printedSince(0, V1_FAIL));
    }

    @Test
    void aFileThatIsNoSpecFileIsNotEchoed(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("application.properties");
        Files.writeString(secrets, "db.user=shop\ndb.password=hunter2-secret\n");
        ChildJvm jvm = start(secrets);
        await().atMost(Duration.ofSeconds(30)).until(() -> jvm.linesContaining("was not applied").size() == 1);
        assertThat(jvm.linesContaining("was not applied").get(0)).contains("line 1").contains("not a fault spec");
        assertThat(jvm.linesContaining("hunter2")).isEmpty();
        assertThat(jvm.linesContaining("db.user")).isEmpty();
    }
}
