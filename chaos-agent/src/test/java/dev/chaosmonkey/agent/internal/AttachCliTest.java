package dev.chaosmonkey.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Command-line handling that needs no target JVM: usage errors are named and exit with 2. */
class AttachCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AttachCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("attach <pid>", "EnableDynamicAgentLoading");
    }

    @Test
    void noArgumentsPrintsUsageAsAnError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("attach <pid>");
    }

    @Test
    void unknownCommandAndBadPidAreNamed() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'frobnicate'");
        assertThat(run("list", "abc")).isEqualTo(2);
        assertThat(err()).contains("'abc' is not a process id");
        assertThat(run("disarm", "123")).isEqualTo(2);
        assertThat(err()).contains("usage: disarm <pid> <id|all>");
        assertThat(run("attach")).isEqualTo(2);
        assertThat(err()).contains("usage: attach <pid>");
    }
}
