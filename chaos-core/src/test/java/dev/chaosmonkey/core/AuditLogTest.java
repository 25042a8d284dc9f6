package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The audit trail: every state change from every source, one JSON line each, injections left out. */
class AuditLogTest {

    @Test
    void recordsEveryChangeWithItsSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().build());
        assertThat(AuditLog.install(monkey, file.toString(), null)).isTrue();
        ObjectName name = monkey.registerMBean("dev.chaosmonkey:type=ChaosMonkey,name=audit-test");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            monkey.enable();
            String viaApi = monkey.arm("custom name=a -> exception id=api-rule");
            monkey.check("unrelated");
            String viaJmx = (String) server.invoke(name, "arm", new Object[] {"custom name=b -> exception"},
                    new String[] {String.class.getName()});
            try (ChaosSource.Scope s = ChaosSource.open("actuator:bob")) {
                monkey.disarm(viaApi);
            }
            server.invoke(name, "disarm", new Object[] {viaJmx}, new String[] {String.class.getName()});
            monkey.arm("custom name=c -> exception for=50ms id=short");
            try {
                monkey.check("a");
            } catch (Exception injected) {
                // not a rule of this name any more
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file)
                    && Files.readString(file).contains("\"EXPIRED\""));
            server.invoke(name, "disable", null, null);
        } finally {
            server.unregisterMBean(name);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).allMatch(l -> l.startsWith("{\"time\":\"") && l.endsWith("}"));
        assertThat(lines).noneMatch(l -> l.contains("\"INJECTED\""));
        assertThat(lines).extracting(l -> l.replaceAll("\\{\"time\":\"[^\"]+\",", "").replaceAll(",\"point\".*", ""))
                .containsSubsequence(
                        "\"type\":\"ENABLED\",\"source\":\"api\",\"rule\":null",
                        "\"type\":\"ARMED\",\"source\":\"api\",\"rule\":\"api-rule\"",
                        "\"type\":\"ARMED\",\"source\":\"jmx\",\"rule\":\"" + lines.stream()
                                .filter(l -> l.contains("\"ARMED\",\"source\":\"jmx\"")).findFirst().orElseThrow()
                                .replaceAll(".*\"rule\":\"([^\"]+)\".*", "$1") + "\"",
                        "\"type\":\"DISARMED\",\"source\":\"actuator:bob\",\"rule\":\"api-rule\"",
                        "\"type\":\"ARMED\",\"source\":\"api\",\"rule\":\"short\"",
                        "\"type\":\"EXPIRED\",\"source\":\"expiry\",\"rule\":\"short\"",
                        "\"type\":\"DISABLED\",\"source\":\"jmx\",\"rule\":null");
        assertThat(lines).anyMatch(l -> l.contains("\"DISARMED\",\"source\":\"jmx\""));
        assertThat(lines.get(1)).contains("\"point\":\"custom\",\"fault\":\"exception\",\"spec\":\"custom name=a ->"
                + " exception id=api-rule\",\"dryRun\":false");
        assertThat(ChaosSource.current()).isEqualTo(ChaosSource.API);
    }

    @Test
    void withoutASettingNothingIsInstalledAndAnUnwritableFileNeverReachesTheCaller(@TempDir Path dir) {
        ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
        assertThat(AuditLog.install(monkey, null, " ")).isFalse();
        assertThat(AuditLog.install(monkey, dir.toString(), null)).isTrue(); // a directory: every write fails
        String id = monkey.arm("custom name=x -> exception");
        assertThat(monkey.disarm(id)).isTrue();
    }
}
