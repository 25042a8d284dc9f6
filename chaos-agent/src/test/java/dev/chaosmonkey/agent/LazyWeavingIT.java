package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * With nothing armed the agent does nothing heavy at start: no ByteBuddy class is loaded and nothing is appended to
 * the bootstrap class path (so the JVM keeps class-data sharing). The first armed rule weaves the classes already
 * loaded, and it fires.
 */
class LazyWeavingIT {
    @Test
    void weavesOnlyWhenTheFirstRuleIsArmed() throws Exception {
        String classpath = ChildJvm.location(LazyWeavingApp.class) + File.pathSeparator
                + ChildJvm.location(org.h2.Driver.class) + File.pathSeparator
                + ChildJvm.location(dev.chaosmonkey.core.ChaosMonkey.class);
        Process p = new ProcessBuilder(ChildJvm.JAVA, "-Xlog:class+load=info", "-javaagent:" + ChildJvm.AGENT, "-cp",
                classpath, LazyWeavingApp.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = output.lines().toList();
        int arming = lines.indexOf("ARMING");
        assertThat(arming).as("output:%n%s", output).isPositive();
        List<String> before = lines.subList(0, arming);
        assertThat(before).contains("OK 7")
                .noneMatch(l -> l.contains("dev.chaosmonkey.agent.shaded.bytebuddy"))
                .noneMatch(l -> l.contains("bootstrap classpath has been appended"));
        List<String> after = lines.subList(arming, lines.size());
        assertThat(after).anyMatch(l -> l.contains("dev.chaosmonkey.agent.shaded.bytebuddy"))
                .contains("FAIL java.sql.SQLTransientConnectionException: lazy", "DONE");
    }
}
