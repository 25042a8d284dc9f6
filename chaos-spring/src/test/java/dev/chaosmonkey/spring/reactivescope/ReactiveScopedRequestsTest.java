package dev.chaosmonkey.spring.reactivescope;

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
import java.util.List;

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
 * The WebFlux side on a real Netty server on 127.0.0.1: an allowed scope from the request reaches the WebClient call
 * through the Reactor context (a scoped http fault hits only that request) and is carried on to the next service.
 */
@SpringBootTest(classes = ReactiveScopeApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1",
            "spring.main.web-application-type=reactive",
            "spring.datasource.url=jdbc:h2:mem:reactive-scopes;DB_CLOSE_DELAY=-1",
            "chaos.enabled=true",
            "chaos.scope.allowed=checkout-*"})
class ReactiveScopedRequestsTest {
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
        monkey.arm("http path=/stock/* -> status(503) scope=checkout-test id=scoped-stock");
        STOCK.resetRequests();
    }

    @AfterEach
    void disarm() {
        monkey.disarm("scoped-stock");
        assertThat(InternalErrors.count()).isEqualTo(internalErrors);
    }

    private HttpResponse<String> price(String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + "/price")).timeout(Duration.ofSeconds(30));
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
    void onlyTheScopedRequestSeesTheFaultAndTheScopeTravelsOn() {
        assertThat(price().statusCode()).isEqualTo(200);
        assertThat(price("X-Chaos-Scope", "evil").statusCode()).as("not allowed").isEqualTo(200);
        assertThat(price("baggage", "chaos.scope=checkout-test").statusCode()).isEqualTo(500);
        assertThat(monkey.rule("scoped-stock").orElseThrow().getInjected()).isEqualTo(1);

        monkey.disarm("scoped-stock");
        monkey.arm("http path=/never -> exception scope=checkout-test id=scoped-stock");
        STOCK.resetRequests();
        assertThat(price("X-Chaos-Scope", "checkout-test").statusCode()).isEqualTo(200);
        List<LoggedRequest> calls = STOCK.findAll(getRequestedFor(urlPathEqualTo("/stock/1")));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getHeader("X-Chaos-Scope")).isEqualTo("checkout-test");
        assertThat(calls.get(0).getHeader("baggage")).isEqualTo("chaos.scope=checkout-test");
    }
}
