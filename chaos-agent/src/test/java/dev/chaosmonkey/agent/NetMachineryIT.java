package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chaos machinery is never hit by the net point: under a {@code net -> exception} rule that matches every TCP
 * call of the target, the CLI still attaches, lists and disarms through its loopback JMX connector (RMI threads),
 * while the target's own connections fail until the rule is disarmed.
 */
class NetMachineryIT {
    private ChildJvm target;

    @AfterEach
    void stop() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    private static ChildJvm.Cli cli(String... args) throws Exception {
        ChildJvm.Cli cli = ChildJvm.cli(args);
        assertThat(cli.exitCode).as("%s", cli).isZero();
        return cli;
    }

    @Test
    void attachListAndDisarmWorkUnderARuleThatFailsEveryConnection() throws Exception {
        target = ChildJvm.start("-XX:+EnableDynamicAgentLoading", "-cp",
                ChildJvm.location(NetTarget.class).toString(), NetTarget.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> target.printedSince(0, "OK"));
        String pid = Long.toString(target.pid());

        assertThat(cli("attach", pid, "net -> exception").output).contains("armed r");
        int mark = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(mark,
                "FAIL java.net.ConnectException: chaos: exception injected by rule"));
        assertDisarmsThroughTheConnector(pid);
    }

    @Test
    void aRuleArmedAtStartUpLeavesTheConnectorAlone() throws Exception {
        target = ChildJvm.start("-javaagent:" + ChildJvm.AGENT + "=enabled=true;spec=net -> exception",
                "-cp", ChildJvm.location(NetTarget.class).toString(), NetTarget.class.getName());
        await().atMost(Duration.ofSeconds(30)).until(() -> target.printedSince(0,
                "FAIL java.net.ConnectException: chaos: exception injected by rule"));
        assertDisarmsThroughTheConnector(Long.toString(target.pid()));
    }

    private void assertDisarmsThroughTheConnector(String pid) throws Exception {
        String listed = cli("list", pid).output;
        assertThat(listed).contains("net").contains("-> exception").containsPattern("injected=[1-9]");
        cli("disarm", pid, "all");
        int afterDisarm = target.linesSoFar();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.printedSince(afterDisarm + 2, "OK"));
        assertThat(cli("list", pid).output).contains("no rules armed");
        assertThat(target.linesContaining("internal error")).isEmpty();
    }
}
