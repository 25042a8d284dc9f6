package dev.chaosmonkey.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.NetworkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.chaosmonkey.core.ChaosInjectedException;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.spring.internal.InternalErrors;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The order service on a real server on 127.0.0.1 with the starter and without the agent: H2 through JdbcTemplate
 * and JPA, RestClient and WebClient against WireMock, KafkaTemplate against an in-process broker, a @Service through
 * Spring AOP, Resilience4j's annotations, the actuator endpoint with Spring Security.
 */
@OrderServiceTest
class OrderApplicationTest extends AppTestSupport {

    @Autowired
    ChaosMonkey monkey;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OrderRepository orders;
    @Autowired
    InventoryClient inventory;
    @Autowired
    PricingClient pricing;
    @Autowired
    OrderEvents events;
    @Autowired
    PaymentGateway payments;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    MeterRegistry meters;

    CircuitBreaker breaker;
    long internalErrors;

    @BeforeEach
    void reset() {
        breaker = breakers.circuitBreaker("inventory");
        breaker.reset();
        internalErrors = InternalErrors.count();
    }

    @AfterEach
    void disarmTestRules() {
        monkey.rules().stream().filter(r -> !r.getId().equals("flaky-inventory")).forEach(r -> monkey.disarm(r.getId()));
        assertThat(InternalErrors.count()).as("internal errors of the starter").isEqualTo(internalErrors);
    }

    @Test
    void theStarterIsTheGlobalStateAndTheRuleFromPropertiesIsArmed() {
        assertThat(monkey).isSameAs(ChaosMonkey.global());
        assertThat(monkey.isEnabled()).isTrue();
        assertThat(monkey.rule("flaky-inventory")).isPresent();
    }

    @Test
    void jdbcTemplateAndJpaSeeJdbcFaultsOncePerCall() {
        orders.save(new OrderEntity("sku-1"));
        String id = monkey.arm("jdbc operation=query sql~\"(?i)from orders\" -> exception(\"orders down\") every=2");
        int failures = 0;
        for (int i = 0; i < 4; i++) {
            try {
                jdbc.queryForObject("select count(*) from orders", Integer.class);
            } catch (DataAccessException e) {
                assertThat(e).hasRootCauseMessage("orders down");
                failures++;
            }
        }
        for (int i = 0; i < 4; i++) {
            try {
                orders.findAll();
            } catch (DataAccessException e) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(4);
        assertThat(monkey.rule(id).orElseThrow().getMatched()).isEqualTo(8);
        assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(4);
        // ChaosMetrics is bound to Boot's MeterRegistry without any configuration
        assertThat(meters.get("chaos.injections").tag("rule", id).counter().count()).isEqualTo(4.0);
        assertThat(meters.get("chaos.rules.armed").gauge().value()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aRuleFromPropertiesOpensTheBreakerTheFallbackServesAndDisarmingThroughTheActuatorRecovers()
            throws Exception {
        // calls until the breaker opens (its 4-call window full of failures), not a fixed count: on a loaded machine
        // the 300 ms open state may end during a fixed run of calls and let half-open calls through
        for (int i = 0; i < 8 && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
            assertThat(inventory.stock("flaky")).isEqualTo("cached:flaky");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long reached = monkey.rule("flaky-inventory").orElseThrow().getInjected();
        assertThat(reached).isEqualTo(4).isEqualTo(breaker.getMetrics().getNumberOfFailedCalls());
        long refused = breaker.getMetrics().getNumberOfNotPermittedCalls();
        String nine = inventory.stock("sku-9");
        if (breaker.getState() == CircuitBreaker.State.OPEN) { // still open: the call was not permitted
            assertThat(nine).isEqualTo("cached:sku-9");
            assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(refused + 1);
        }

        HttpResponse<String> disarm = asOps("DELETE", "chaos/flaky-inventory", null);
        assertThat(disarm.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(inventory.stock("flaky")).isEqualTo("7");
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
        monkey.arm("http path=/inventory/flaky -> status(503) id=flaky-inventory for=30m");
    }

    @Test
    void faultsArmedThroughTheActuatorOpenTheBreakerAndTheKillSwitchRecovers() throws Exception {
        HttpResponse<String> armed = asOps("POST", "chaos",
                "{\"specs\": \"http path=/inventory/sku-2 -> exception for=1m\\n"
                        + "# a comment\\nhttp path=/inventory/sku-3 -> delay(1ms) for=1m\"}");
        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
        assertThat(armed.body()).contains("\"armed\":[");
        for (int i = 0; i < 4; i++) {
            assertThat(inventory.stock("sku-2")).isEqualTo("cached:sku-2");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(asOps("GET", "chaos", null).body()).contains("http path=/inventory/sku-2 -> exception for=1m")
                .contains("\"injected\":4");
        assertThat(actuator("GET", "health", null, null, null).body()).contains("\"chaos\"")
                .contains("\"faultsActive\":true").contains("\"status\":\"UP\"");

        HttpResponse<String> killed = asOps("DELETE", "chaos", null);
        assertThat(killed.statusCode()).isEqualTo(200);
        assertThat(monkey.rules()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(inventory.stock("sku-2")).isEqualTo("7");
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
        monkey.arm("http path=/inventory/flaky -> status(503) id=flaky-inventory for=30m");
    }

    @Test
    void theEndpointChecksTheRoleAndAnswersBadSpecsWithTheirPosition() throws Exception {
        String json = "{\"specs\": \"http host=a -> status(503)\"}";
        HttpResponse<String> anonymous = actuator("POST", "chaos", json, null, null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(actuator("POST", "chaos", json, "viewer", "viewer-secret").statusCode()).isEqualTo(403);
        assertThat(actuator("DELETE", "chaos", null, "viewer", "viewer-secret").statusCode()).isEqualTo(403);
        assertThat(actuator("GET", "chaos", null, null, null).statusCode()).isEqualTo(200);
        int before = monkey.ruleCount();
        HttpResponse<String> bad = asOps("POST", "chaos",
                "{\"specs\": \"http host=a -> status(503)\\njdbc sq=x -> exception\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid fault spec at column 6: unknown attribute 'sq'")
                .contains("line 2: invalid fault spec").contains("\"line\":2").contains("\"column\":6");
        assertThat(monkey.ruleCount()).isEqualTo(before);
        assertThat(asOps("GET", "chaos/nope", null).statusCode()).isEqualTo(404);
        assertThat(asOps("POST", "chaos/disable", null).body()).contains("\"enabled\":false");
        assertThat(monkey.isEnabled()).isFalse();
        assertThat(asOps("POST", "chaos/enable", null).statusCode()).isEqualTo(200);
        assertThat(monkey.isEnabled()).isTrue();
    }

    @Test
    void anExperimentRunsInsideTheApplicationThroughTheEndpoint() throws Exception {
        String port = environment.getProperty("local.server.port");
        String yaml = String.join("\n",
                "name: inventory-outage-actuator",
                "hypothesis: the cached stock answers while inventory answers 503",
                "steadyState:",
                "  baseline: 300ms",
                "  recoveryTimeout: 20s",
                "  healthySamples: 2",
                "  probes:",
                "    - name: stock",
                "      interval: 50ms",
                "      timeout: 5s",
                "      http:",
                "        url: http://127.0.0.1:" + port + "/stock/sku-11",
                "        degradedBodyContains: 'cached:'",
                "method:",
                "  window: 600ms",
                "  faults:",
                "    - http path=/inventory/sku-11 -> status(503)",
                "slo:",
                "  maxErrorRate: 0%",
                "  maxRecovery: 20s",
                "  maxMttr: 20s",
                "");
        String json = "{\"experiment\": " + jsonString(yaml) + "}";
        assertThat(actuator("POST", "chaos/experiments", json, "viewer", "viewer-secret").statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = asOps("POST", "chaos/experiments", "{\"experiment\": \"name: x\\nmethod: 3\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).containsPattern(":\\d+:\\d+: ");
        HttpResponse<String> started = asOps("POST", "chaos/experiments", json);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("inventory-outage-actuator-");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(
                () -> !asOps("GET", "chaos/experiments", null).body().contains("\"status\":\"RUNNING\""));
        String result = asOps("GET", "chaos/experiments", null).body();
        assertThat(result).as(result).contains("\"status\":\"COMPLETED\"").contains("inventory-outage-actuator");
        assertThat(monkey.rules()).extracting(r -> r.getSpec()).noneMatch(spec -> spec.contains("sku-11"));
        assertThat(asOps("DELETE", "chaos/experiments", null).body()).contains("\"stopped\":false");
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void webClientFailsThroughTheReactivePipeline() {
        assertThat(pricing.price("p1").block(Duration.ofSeconds(30))).isEqualTo("9.99");
        String status = monkey.arm("http path=/price/* -> status(502)");
        assertThatThrownBy(() -> pricing.price("p1").block(Duration.ofSeconds(30)))
                .isInstanceOf(WebClientResponseException.BadGateway.class);
        monkey.disarm(status);
        String down = monkey.arm("http path=/price/* -> exception");
        assertThatThrownBy(() -> pricing.price("p1").block(Duration.ofSeconds(30)))
                .isInstanceOf(WebClientRequestException.class).hasCauseInstanceOf(ConnectException.class);
        // nothing happens before subscription: the decision is per subscribed exchange
        pricing.price("p1");
        assertThat(monkey.rule(down).orElseThrow().getMatched()).isEqualTo(1);
        monkey.disarm(down);
        monkey.arm("http path=/price/* -> timeout(200ms)");
        long start = System.nanoTime();
        assertThatThrownBy(() -> pricing.price("p1").block(Duration.ofSeconds(30)))
                .isInstanceOf(WebClientRequestException.class)
                .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void kafkaTemplateSendFailsLikeABrokerFailure() throws Exception {
        assertThat(events.placed("o-1").get(60, TimeUnit.SECONDS).getRecordMetadata().topic()).isEqualTo("orders");
        String id = monkey.arm("kafka topic=orders key=present -> exception");
        assertThatThrownBy(() -> events.placed("o-2").get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(NetworkException.class);
        assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(1);
        monkey.disarm(id);
        assertThat(events.placed("o-3").get(60, TimeUnit.SECONDS).getRecordMetadata().topic()).isEqualTo("orders");
    }

    @Test
    void methodRulesReachAServiceBeanThroughAop() {
        String id = monkey.arm("method class=dev.chaosmonkey.spring.app.PaymentGateway method=charge -> exception");
        assertThatThrownBy(() -> payments.charge("o-1")).isInstanceOf(ChaosInjectedException.class);
        monkey.disarm(id);
        assertThat(payments.charge("o-1")).isEqualTo("paid o-1");
    }
}
