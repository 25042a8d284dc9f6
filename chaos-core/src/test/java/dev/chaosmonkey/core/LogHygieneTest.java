package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec text from JMX is hostile input: it cannot forge log lines, and a huge spec costs a few hundred bytes. */
class LogHygieneTest {
    private static final String NAME = "dev.chaosmonkey.test:type=ChaosMonkey,name=log-hygiene";
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final CapturedLog log = new CapturedLog();

    @BeforeEach
    void listen() {
        log.start();
    }

    @AfterEach
    void tearDown() {
        log.close();
        monkey.close();
    }

    private Object arm(String spec) throws Exception {
        return server.invoke(new ObjectName(NAME), "arm", new Object[] {spec}, new String[] {String.class.getName()});
    }

    @Test
    void newlinesAndAnsiSequencesInSpecsAreEscapedInTheLog() throws Exception {
        monkey.registerMBean(NAME);
        arm("custom name=x -> exception(java.lang.IllegalStateException, \"boom\n2099-01-01 INFO all good\u001b[2K\")");

        assertThat(log.messages()).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain("\n").doesNotContain("\u001b"));
        assertThat(log.messages()).anyMatch(m -> m.contains("\\n2099-01-01 INFO all good\\u001b[2K"));
    }

    @Test
    void aHugeInvalidSpecIsCappedInTheErrorAndTheLog() throws Exception {
        monkey.registerMBean(NAME);
        String huge = "custom name=" + "x".repeat(10 * 1024 * 1024) + " -> nonsense";

        assertThatThrownBy(() -> arm(huge)).satisfies(e -> assertThat(e.getCause().getMessage())
                .hasSizeLessThan(1_000).contains("chars)"));
        assertThat(String.join("", log.messages())).hasSizeLessThan(5_000);
    }

    @Test
    void aHugeValidSpecIsLoggedCappedWhenArmed() throws Exception {
        monkey.registerMBean(NAME);
        arm("custom name=" + "x".repeat(10 * 1024 * 1024) + " -> exception");

        assertThat(log.messages()).isNotEmpty();
        assertThat(String.join("", log.messages())).hasSizeLessThan(5_000);
    }

    @Test
    void anErrorDeepInALongSpecShowsTheTextAroundTheColumn() {
        String spec = "custom name=" + "x".repeat(2_000) + " bogus=1 -> exception";
        assertThatThrownBy(() -> monkey.arm(spec)).isInstanceOf(ChaosSpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("bogus"));
    }
}
