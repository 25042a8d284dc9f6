package dev.chaosmonkey.agent;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * An application run next to another agent: arms one rule per point through its own {@code ChaosMonkey.global()},
 * then makes plain-driver H2 {@code PreparedStatement}, HikariCP, JDK {@code HttpClient} and Kafka producer calls
 * in rounds, printing {@code <CALL> ok} or {@code <CALL> FAIL <exception>}, until each has failed once (at most 60
 * rounds). Ends with the agent's {@code WeaveFailures}, {@code WeaveFailureReasons} and {@code InternalErrors}.
 */
public final class CoexistenceApp {
    private CoexistenceApp() {
    }

    public static void main(String[] args) throws Exception {
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        monkey.armAll(String.join("\n",
                "jdbc sql~\"plain_marker\" -> exception(java.sql.SQLTransientConnectionException, \"plain\")",
                "jdbc sql~\"pooled_marker\" -> exception(java.sql.SQLTransientConnectionException, \"pooled\")",
                "http path=/coexist -> status(503)",
                "kafka topic=orders -> exception(org.apache.kafka.common.errors.NetworkException, \"kafka\")"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pooled");
        config.setMaximumPoolSize(2);
        Properties kafka = new Properties();
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        kafka.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        kafka.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        kafka.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/coexist");
        boolean plain = false;
        boolean pooled = false;
        boolean web = false;
        boolean sent = false;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plain", "sa", "");
                HikariDataSource pool = new HikariDataSource(config);
                KafkaProducer<String, String> producer = new KafkaProducer<>(kafka)) {
            for (int round = 0; round < 60 && !(plain && pooled && web && sent); round++) {
                plain |= query("PLAIN", c, "select 'x' as plain_marker");
                try (Connection p = pool.getConnection()) {
                    pooled |= query("POOLED", p, "select 'x' as pooled_marker");
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    System.out.println("HTTP " + r.statusCode());
                    web |= r.statusCode() == 503;
                } catch (Exception e) {
                    System.out.println("HTTP FAIL " + e);
                }
                try {
                    producer.send(new ProducerRecord<>("orders", "k", "v")).get(10, TimeUnit.SECONDS);
                    System.out.println("KAFKA ok");
                } catch (Exception e) {
                    System.out.println("KAFKA FAIL " + e.getCause());
                    sent |= String.valueOf(e.getCause()).contains("kafka");
                }
                System.out.flush();
                Thread.sleep(100);
            }
        }
        server.stop(0);
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("dev.chaosmonkey:type=ChaosAgent");
        // registered by the agent's thread within 25 ms of the server's creation (which this call may have done)
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!mbeans.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("WEAVE-FAILURES " + mbeans.getAttribute(agent, "WeaveFailures") + " "
                + java.util.Arrays.toString((String[]) mbeans.getAttribute(agent, "WeaveFailureReasons")));
        System.out.println("INTERNAL-ERRORS " + mbeans.getAttribute(agent, "InternalErrors"));
        System.out.println("DONE");
        System.exit(0);
    }

    private static boolean query(String label, Connection c, String sql) {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            System.out.println(label + " ok");
            return false;
        } catch (Exception e) {
            System.out.println(label + " FAIL " + e);
            return e.getMessage() != null && e.getMessage().contains(label.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
