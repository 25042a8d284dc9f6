package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forty attach/detach cycles of the packaged agent in a separate JVM ({@link AttachChurnApp}): every cycle weaves
 * H2's JDBC classes and a method rule's class, injects, and restores them. Metaspace after a full GC must stay
 * bounded: the agent's classes load once (the JVM puts an agent jar on the system class path, where it stays), and
 * nothing of a detached installation is kept, so what remains per cycle is the JVM's own bookkeeping for
 * redefined classes, which levels off (measured on JDK 25: +0.6 MB from cycle 10 to 40, +0.1 MB from 30 to 40;
 * the reported leak was 150 KB per cycle, 4.5 MB over these 30 cycles).
 */
class AttachDetachChurnIT {
    private static final Pattern CYCLE = Pattern.compile("CYCLE (\\d+) metaspace=(\\d+) .*");
    private ChildJvm child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.close();
            child.lines().stream().filter(l -> l.startsWith("CYCLE")).forEach(System.out::println);
        }
    }

    @Test
    void fortyAttachDetachCyclesKeepMetaspaceBounded() throws Exception {
        child = ChildJvm.start("-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading", "-cp",
                ChildJvm.location(AttachChurnApp.class) + File.pathSeparator + ChildJvm.location(org.h2.Driver.class),
                AttachChurnApp.class.getName(), ChildJvm.AGENT, "40");
        await().atMost(Duration.ofMinutes(5)).failFast(() -> !child.isAlive() && !child.printedSince(0, "DONE"))
                .until(() -> child.printedSince(0, "DONE"));
        Map<Integer, Long> metaspace = new HashMap<>();
        for (String line : child.lines()) {
            Matcher m = CYCLE.matcher(line);
            if (m.matches()) {
                metaspace.put(Integer.valueOf(m.group(1)), Long.valueOf(m.group(2)));
            }
        }
        assertThat(metaspace).containsKeys(0, 10, 30, 40);
        assertThat(child.lines()).noneMatch(l -> l.startsWith("NOT INJECTED"));
        long kb = 1024;
        assertThat((metaspace.get(40) - metaspace.get(10)) / kb).as("metaspace growth from cycle 10 to 40, KB")
                .isLessThan(2048);
        assertThat((metaspace.get(40) - metaspace.get(30)) / kb).as("metaspace growth from cycle 30 to 40, KB")
                .isLessThan(512);
    }
}
