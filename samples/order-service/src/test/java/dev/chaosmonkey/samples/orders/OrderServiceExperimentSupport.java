package dev.chaosmonkey.samples.orders;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.zaxxer.hikari.HikariDataSource;

import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.SteadyStateProbe;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * What every experiment on the order service shares: one Spring context (same configuration in every subclass, so
 * Spring's test context cache starts the service and its embedded dependencies once per test JVM), the service's
 * Resilience4j components as fields (chaos-junit observes them), and three steady-state probes that go through the
 * service's real HTTP API on 127.0.0.1:
 * <ul>
 *   <li>{@code stock}: {@code GET /stock/sku-1}; HEALTHY when answered live, DEGRADED when the cache answered;</li>
 *   <li>{@code orderLookup}: {@code GET /orders/{id}} of an order placed before the experiment (database path);</li>
 *   <li>{@code placeOrder}: {@code POST /orders} (inventory, database and outbox); remembers the ids it created.</li>
 * </ul>
 * A probe that gets an error status throws with the service's error body, so the report's samples say why.
 *
 * <p>The experiments are {@code @ChaosExperiment(scope = FaultScope.GLOBAL)}: the probes' calls run on the
 * server's request threads, which are not in the test's {@code ChaosScope}, so faults scoped to the test would never
 * reach them. GLOBAL experiments run alone, as the whole suite did before scopes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OrderServiceExperimentSupport {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    RetryRegistry retries;
    @Autowired
    TimeLimiterRegistry timeLimiters;
    @Autowired
    BulkheadRegistry bulkheads;
    @Autowired
    DataSource dataSource;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EmbeddedInfrastructure infrastructure;

    // observed by the chaos-junit extension (fields of the test instance)
    CircuitBreaker breaker;
    Retry retry;
    TimeLimiter timeLimiter;
    Bulkhead bulkhead;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Long> placedOrders = new CopyOnWriteArrayList<>();
    long existingOrder;

    @BeforeEach
    void prepareService() throws Exception {
        breaker = breakers.circuitBreaker(OrderServiceConfiguration.INVENTORY);
        retry = retries.retry(OrderServiceConfiguration.INVENTORY);
        timeLimiter = timeLimiters.timeLimiter(OrderServiceConfiguration.INVENTORY);
        bulkhead = bulkheads.bulkhead(OrderServiceConfiguration.INVENTORY);
        // the previous experiment may have left the breaker open or half-open: start each one from CLOSED and live
        breaker.reset();
        // a cold JVM on a loaded machine may time the first calls out (503 from the time limiter): keep asking
        await("inventory answers live").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> stock() == ProbeOutcome.HEALTHY);
        breaker.reset();
        existingOrder = placeOrderOrThrow();
        placedOrders.clear();
    }

    @SteadyStateProbe
    ProbeOutcome stock() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/stock/sku-1");
        requireOk(r);
        return r.body().contains("\"source\":\"cache\"") ? ProbeOutcome.DEGRADED : ProbeOutcome.HEALTHY;
    }

    @SteadyStateProbe
    ProbeOutcome orderLookup() throws IOException, InterruptedException {
        requireOk(get("/orders/" + existingOrder));
        return ProbeOutcome.HEALTHY;
    }

    @SteadyStateProbe
    ProbeOutcome placeOrder() throws IOException, InterruptedException {
        placedOrders.add(placeOrderOrThrow());
        return ProbeOutcome.HEALTHY;
    }

    long placeOrderOrThrow() throws IOException, InterruptedException {
        HttpResponse<String> r = post("/orders", "{\"sku\":\"sku-1\",\"quantity\":1}");
        requireOk(r);
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no order id in " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HikariDataSource pool() {
        return (HikariDataSource) dataSource;
    }

    private static void requireOk(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
