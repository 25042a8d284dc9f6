package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent next to the real OpenTelemetry Java agent, listed before and after ours: faults fire on plain-driver
 * H2 {@code PreparedStatement}s, HikariCP, the JDK {@code HttpClient} and the Kafka producer, no class fails to be
 * woven (the {@code WeaveFailures} JMX attribute is 0) and the advice has no internal error.
 */
class OtherAgentsIT {
    private static final Path OTEL = Path.of(System.getProperty("other.agents.dir"), "opentelemetry-javaagent.jar");
    private ChildJvm app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "OpenTelemetry agent {0} ours")
    @ValueSource(strings = {"before", "after"})
    void faultsFireNextToTheOpenTelemetryAgent(String order) throws Exception {
        assertThat(OTEL).exists();
        String otel = "-javaagent:" + OTEL;
        String chaos = "-javaagent:" + ChildJvm.AGENT;
        List<String> command = new ArrayList<>(List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none"));
        command.addAll(order.equals("before") ? List.of(otel, chaos) : List.of(chaos, otel));
        command.addAll(List.of("-cp", classpath(), CoexistenceApp.class.getName()));
        app = ChildJvm.start(command.toArray(new String[0]));
        await().atMost(Duration.ofSeconds(120)).until(() -> app.printedSince(0, "DONE"));

        List<String> lines = app.lines();
        assertThat(lines).as("the OpenTelemetry agent ran").anyMatch(l -> l.contains("opentelemetry-javaagent"));
        assertThat(lines).anyMatch(l -> l.startsWith("PLAIN FAIL java.sql.SQLTransientConnectionException: plain"))
                .anyMatch(l -> l.startsWith("POOLED FAIL java.sql.SQLTransientConnectionException: pooled"))
                .anyMatch(l -> l.equals("HTTP 503"))
                .anyMatch(l -> l.startsWith("KAFKA FAIL org.apache.kafka.common.errors.NetworkException: kafka"))
                .contains("WEAVE-FAILURES 0 []", "INTERNAL-ERRORS 0")
                .noneMatch(l -> l.contains("could not instrument"));
    }

    private static String classpath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(CoexistenceApp.class, dev.chaosmonkey.core.ChaosMonkey.class, org.h2.Driver.class,
                com.zaxxer.hikari.HikariDataSource.class, org.slf4j.LoggerFactory.class,
                org.apache.kafka.clients.producer.KafkaProducer.class)) {
            parts.add(ChildJvm.location(c).toString());
        }
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (element.contains("slf4j-simple") && Files.exists(Path.of(element))) {
                parts.add(element);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
