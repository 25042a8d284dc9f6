package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The JDK socket and resolver classes are woven only once a net or dns rule is armed ({@code PointLatch}): a JVM
 * started with only a jdbc rule leaves them alone, and a net rule and a dns rule armed later still fault the next
 * connect and the next lookup.
 */
class PointLatchIT {
    @Test
    void netAndDnsRulesArmedAfterTheFirstWeavingStillFire() throws Exception {
        String classpath = ChildJvm.location(LateNetRuleApp.class) + File.pathSeparator
                + ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class);
        Process p = new ProcessBuilder(ChildJvm.JAVA, "-javaagent:" + ChildJvm.AGENT
                + "=enabled=true;spec=jdbc operation=query -> exception", "-Dchaos.agent.trace-startup=true", "-cp",
                classpath, LateNetRuleApp.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = output.lines().toList();
        int before = lines.indexOf("BEFORE OK");
        int after = lines.indexOf("AFTER FAIL java.net.ConnectException");
        assertThat(lines).as("output:%n%s", output).contains("INSTALLED true");
        assertThat(before).as("output:%n%s", output).isNotNegative();
        assertThat(after).as("output:%n%s", output).isGreaterThan(before);
        assertThat(lines).as("output:%n%s", output).contains("DNS FAIL java.net.UnknownHostException", "DONE");
        // before the net rule, the weaving at start left java.net.Socket alone
        List<String> socketWoven = lines.stream().filter(l -> l.contains("woven java.net.Socket")).toList();
        assertThat(lines.subList(0, before)).as("output:%n%s", output)
                .noneMatch(l -> l.contains("woven java.net.Socket"));
        assertThat(socketWoven).isNotEmpty();
    }
}
