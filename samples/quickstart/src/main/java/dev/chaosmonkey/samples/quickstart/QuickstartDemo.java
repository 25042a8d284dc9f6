package dev.chaosmonkey.samples.quickstart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;


import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.RuleInfo;

/**
 * The README's main job: an order flow that reads the orders database (H2 over JDBC), asks the inventory service
 * (the JDK HttpClient against WireMock), publishes an order event (a Kafka producer against an in-process broker) and
 * charges the payment gateway (a named custom point), while the chaos agent injects the faults of a fault plan.
 * It prints what happened on every call and a summary, and exits non-zero if the errors the application saw do not
 * match the failures chaos says it injected.
 *
 * <p>Arguments: {@code [orders] [fault-plan-file]}. Under the agent the plan is usually given to the agent
 * ({@code -javaagent:chaos-agent.jar=config=fault-plan.txt;enabled=true}); without the agent the demo arms the plan
 * itself, and only the custom point can fire because nothing else is woven.
 */
public final class QuickstartDemo {
    private static final long SLOW_MS = 100;

    /** Per-point tally of what the application observed and what chaos reported. */
    private static final class Tally {
        int calls;
        int ok;
        int errors;
        int slow;
        int injectedFailures;
        int injectedDelays;
    }

    private final Map<InjectionPoint, Tally> tallies = new EnumMap<>(InjectionPoint.class);
    private final dev.chaosmonkey.core.ChaosEventListener listener = this::onChaosEvent;

    private QuickstartDemo() {
        for (InjectionPoint p : new InjectionPoint[] {InjectionPoint.JDBC, InjectionPoint.HTTP, InjectionPoint.KAFKA,
            InjectionPoint.CUSTOM}) {
            tallies.put(p, new Tally());
        }
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path plan = args.length > 1 ? Path.of(args[1]) : null;
        System.exit(new QuickstartDemo().run(orders, plan));
    }

    private int run(int orders, Path plan) throws Exception {
        ChaosMonkey monkey = ChaosMonkey.global();
        boolean agent = agentInstalled();
        System.out.println("chaos-monkey-jvm quickstart (chaos-core " + ChaosMonkey.VERSION + ", "
                + (agent ? "running under the chaos agent" : "NO agent: only the custom point is woven") + ")");
        if (monkey.rules().isEmpty() && plan != null) {
            System.out.println("arming the fault plan " + plan);
            monkey.armAll(Files.readString(plan));
        }
        if (!monkey.isEnabled()) {
            monkey.enable();
        }
        monkey.addListener(listener);
        System.out.println("armed rules:");
        for (RuleInfo r : monkey.rules()) {
            System.out.println("  " + r.getId() + ": " + r.getSpec());
        }

        WireMockServer inventory = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        inventory.start();
        inventory.stubFor(get(urlPathMatching("/api/inventory/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"inStock\": 7}")));
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "order-events");
        broker.afterPropertiesSet();
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:shop");
                KafkaProducer<String, String> producer = producer(broker.getBrokersAsString())) {
            seed(db, orders);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            // warm the producer's metadata outside the measured calls
            producer.partitionsFor("order-events");
            System.out.println();
            for (int i = 1; i <= orders; i++) {
                System.out.println("order " + i);
                readOrder(db, i);
                checkInventory(http, inventory.port(), i);
                publish(producer, i);
                charge(i);
            }
        } finally {
            broker.destroy();
            inventory.stop();
        }
        monkey.removeListener(listener);
        return summary(monkey, agent);
    }

    /**
     * Whether the chaos agent runs in this JVM: it sets the system property {@code dev.chaosmonkey.agent.started} in
     * premain. (chaos-core's class loader says nothing: the agent shares its state with an application-loaded
     * chaos-core; its MBean is registered only once the platform MBean server exists, a moment later.)
     */
    private static boolean agentInstalled() {
        return System.getProperty("dev.chaosmonkey.agent.started") != null;
    }

    private void onChaosEvent(ChaosEvent event) {
        if (event.type() != ChaosEvent.Type.INJECTED || event.dryRun()) {
            return;
        }
        Tally t = tallies.get(event.point());
        if (t == null) {
            return;
        }
        synchronized (t) {
            if ("delay".equals(event.faultKind())) {
                t.injectedDelays++;
            } else {
                t.injectedFailures++;
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return new KafkaProducer<>(p);
    }

    private static void seed(Connection db, int orders) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("create table orders (id int primary key, sku varchar(20), qty int)");
        }
        try (PreparedStatement insert = db.prepareStatement("insert into orders values (?, ?, ?)")) {
            for (int i = 1; i <= orders; i++) {
                insert.setInt(1, i);
                insert.setString(2, "sku-" + (i % 5));
                insert.setInt(3, 1 + i % 3);
                insert.executeUpdate();
            }
        }
    }

    private interface Call {
        String run() throws Exception;
    }

    private void measure(InjectionPoint point, String what, Call call) {
        Tally t = tallies.get(point);
        long start = System.nanoTime();
        String outcome;
        boolean failed;
        try {
            outcome = call.run();
            failed = outcome.startsWith("HTTP 5");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            outcome = "FAILED " + cause.getClass().getName() + ": " + cause.getMessage();
            failed = true;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        synchronized (t) {
            t.calls++;
            if (failed) {
                t.errors++;
            } else {
                t.ok++;
            }
            if (ms >= SLOW_MS) {
                t.slow++;
            }
        }
        System.out.printf("  %-7s %-44s %5d ms  %s%n", point.specName(), what, ms, outcome);
    }

    private void readOrder(Connection db, int id) {
        measure(InjectionPoint.JDBC, "select ... from orders where id=" + id, () -> {
            try (PreparedStatement q = db.prepareStatement("select sku, qty from orders where id = ?")) {
                q.setInt(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? "ok " + rs.getString(1) + " x" + rs.getInt(2) : "ok (no row)";
                }
            }
        });
    }

    private void checkInventory(HttpClient http, int port, int id) {
        String path = "/api/inventory/sku-" + (id % 5);
        measure(InjectionPoint.HTTP, "GET " + path, () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode();
        });
    }

    private void publish(KafkaProducer<String, String> producer, int id) {
        measure(InjectionPoint.KAFKA, "send order-events key=order-" + id, () -> {
            RecordMetadata md = producer.send(new ProducerRecord<>("order-events", "order-" + id, "placed"))
                    .get(15, TimeUnit.SECONDS);
            return "ok partition " + md.partition() + " offset " + md.offset();
        });
    }

    private void charge(int id) {
        measure(InjectionPoint.CUSTOM, "payment-gateway charge order " + id, () -> {
            ChaosMonkey.global().check("payment-gateway");
            return "ok charged";
        });
    }

    private int summary(ChaosMonkey monkey, boolean agent) {
        System.out.println();
        System.out.println("summary");
        System.out.printf("  %-7s %6s %6s %7s %6s %17s %15s%n", "point", "calls", "ok", "errors", "slow",
                "injected failures", "injected delays");
        boolean consistent = true;
        int totalInjected = 0;
        for (Map.Entry<InjectionPoint, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            System.out.printf("  %-7s %6d %6d %7d %6d %17d %15d%n", e.getKey().specName(), t.calls, t.ok, t.errors,
                    t.slow, t.injectedFailures, t.injectedDelays);
            totalInjected += t.injectedFailures + t.injectedDelays;
            if (t.errors != t.injectedFailures) {
                consistent = false;
            }
        }
        System.out.println();
        System.out.println("rules after the run:");
        for (RuleInfo r : monkey.rules()) {
            System.out.println("  " + r);
        }
        System.out.println();
        if (!consistent) {
            System.out.println("verdict: MISMATCH - the errors the application saw differ from the failures chaos"
                    + " injected (see the table)");
            return 1;
        }
        if (agent && tallies.values().stream().anyMatch(t -> t.injectedFailures + t.injectedDelays == 0)) {
            System.out.println("verdict: INCOMPLETE - a point of the plan received no fault");
            return 2;
        }
        System.out.println("verdict: OK - " + totalInjected + " faults injected; every error the application saw"
                + " was an injected one" + (agent ? "" : " (run ./demo.sh to weave JDBC, HTTP and Kafka)"));
        return 0;
    }
}
