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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent next to real APM agents (OpenTelemetry and Elastic APM), each listed before and after ours: faults fire
 * on plain-driver H2 {@code PreparedStatement}s, HikariCP, the JDK {@code HttpClient} and the Kafka producer, no
 * class fails to be woven (the {@code WeaveFailures} JMX attribute is 0) and the advice has no internal error. The
 * other agents export nothing and talk to nothing but loopback.
 */
class OtherAgentsIT {
    private static final Path AGENTS = Path.of(System.getProperty("other.agents.dir"));
    private ChildJvm app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "{0} agent {1} ours")
    @CsvSource({"opentelemetry, before", "opentelemetry, after", "elastic-apm, before", "elastic-apm, after"})
    void faultsFireNextToAnotherAgent(String agent, String order) throws Exception {
        Path jar = AGENTS.resolve(agent.equals("opentelemetry") ? "opentelemetry-javaagent.jar"
                : "elastic-apm-agent.jar");
        assertThat(jar).exists();
        String other = "-javaagent:" + jar;
        String chaos = "-javaagent:" + ChildJvm.AGENT;
        List<String> command = new ArrayList<>(agent.equals("opentelemetry")
                ? List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")
                : List.of("-Delastic.apm.service_name=coexist", "-Delastic.apm.server_url=http://127.0.0.1:9",
                        "-Delastic.apm.disable_send=true", "-Delastic.apm.central_config=false",
                        "-Delastic.apm.cloud_provider=NONE", "-Delastic.apm.log_level=INFO"));
        command.addAll(order.equals("before") ? List.of(other, chaos) : List.of(chaos, other));
        command.addAll(List.of("-cp", classpath(), CoexistenceApp.class.getName()));
        app = ChildJvm.start(command.toArray(new String[0]));
        await().atMost(Duration.ofSeconds(120)).until(() -> app.printedSince(0, "DONE"));

        List<String> lines = app.lines();
        assertThat(lines).as("the other agent ran").anyMatch(l -> agent.equals("opentelemetry")
                ? l.contains("opentelemetry-javaagent") : l.contains("Elastic APM"));
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
