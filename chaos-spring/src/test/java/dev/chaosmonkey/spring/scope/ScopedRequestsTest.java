package dev.chaosmonkey.spring.scope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.spring.internal.InternalErrors;

/**
 * Requests open chaos scopes on a real server on 127.0.0.1: only names {@code chaos.scope.allowed} accepts, from the
 * {@code X-Chaos-Scope} header or W3C baggage; a scoped JDBC fault hits only those requests, never a concurrent
 * unscoped one, and the outbound RestClient call carries the scope on to the next service (WireMock).
 */
@SpringBootTest(classes = ScopeApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:scopes;DB_CLOSE_DELAY=-1",
            "spring.jpa.open-in-view=false",
            "chaos.enabled=true",
            "chaos.scope.allowed=checkout-*, qa-?"})
class ScopedRequestsTest {
    static final WireMockServer STOCK = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        STOCK.start();
        STOCK.stubFor(get(urlPathMatching("/stock/.*")).willReturn(aResponse().withBody("7")));
    }

    @DynamicPropertySource
    static void stock(DynamicPropertyRegistry registry) {
        registry.add("stock.url", () -> "http://127.0.0.1:" + STOCK.port());
    }

    @Autowired
    ChaosMonkey monkey;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long internalErrors;

    @AfterAll
    static void stopStock() {
        STOCK.stop();
    }

    @BeforeEach
    void arm() {
        internalErrors = InternalErrors.count();
        monkey.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException, \"scoped db down\")"
                + " scope=checkout-test id=scoped-db");
        STOCK.resetRequests();
    }

    @AfterEach
    void disarm() {
        monkey.disarm("scoped-db");
        assertThat(InternalErrors.count()).isEqualTo(internalErrors);
    }

    private HttpResponse<String> checkout(String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + "/checkout")).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyRequestsInTheScopeSeeItsFault() {
        assertThat(checkout().statusCode()).isEqualTo(200);
        assertThat(checkout("X-Chaos-Scope", "checkout-test").statusCode()).isEqualTo(500);
        assertThat(checkout("baggage", "userId=7,chaos.scope=checkout-test;ttl=1").statusCode()).isEqualTo(500);
        assertThat(checkout("X-Chaos-Scope", "checkout-other").statusCode()).as("allowed, but not the rule's scope")
                .isEqualTo(200);
        assertThat(monkey.rule("scoped-db").orElseThrow().getInjected()).isEqualTo(2);
    }

    @Test
    void namesTheSettingDoesNotAllowCannotOpenAScope() {
        monkey.arm("jdbc operation=query -> exception scope=evil id=evil-db");
        try {
            assertThat(checkout("X-Chaos-Scope", "evil").statusCode()).isEqualTo(200);
            assertThat(checkout("baggage", "chaos.scope=evil").statusCode()).isEqualTo(200);
            assertThat(checkout("X-Chaos-Scope", "qa-12").statusCode()).as("qa-? is one character").isEqualTo(200);
            assertThat(checkout("X-Chaos-Scope", "checkout test").statusCode()).isEqualTo(200);
            assertThat(monkey.rule("evil-db").orElseThrow().getMatched()).isZero();
        } finally {
            monkey.disarm("evil-db");
        }
    }

    @Test
    void aScopedRequestAndConcurrentUnscopedOnesEachSeeOnlyTheirOwnFaults() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            int rounds = 15;
            List<Future<Integer>> scoped = new ArrayList<>();
            List<Future<Integer>> unscoped = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                scoped.add(callers.submit(() -> checkout("X-Chaos-Scope", "checkout-test").statusCode()));
                unscoped.add(callers.submit(() -> checkout().statusCode()));
            }
            for (int i = 0; i < rounds; i++) {
                assertThat(scoped.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(500);
                assertThat(unscoped.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(monkey.rule("scoped-db").orElseThrow().getInjected()).isEqualTo(rounds);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void outboundCallsCarryTheScopeOn() {
        monkey.disarm("scoped-db");
        monkey.arm("http path=/never -> exception scope=checkout-test id=scoped-db");
        assertThat(checkout("X-Chaos-Scope", "checkout-test", "baggage", "userId=7").statusCode()).isEqualTo(200);
        List<LoggedRequest> calls = STOCK.findAll(getRequestedFor(urlPathEqualTo("/stock/1")));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getHeader("X-Chaos-Scope")).isEqualTo("checkout-test");
        assertThat(calls.get(0).getHeader("baggage")).isEqualTo("chaos.scope=checkout-test");
        STOCK.resetRequests();
        assertThat(checkout().statusCode()).isEqualTo(200);
        LoggedRequest plain = STOCK.findAll(getRequestedFor(urlPathEqualTo("/stock/1"))).get(0);
        assertThat(plain.containsHeader("X-Chaos-Scope")).isFalse();
        assertThat(plain.containsHeader("baggage")).isFalse();
    }
}
