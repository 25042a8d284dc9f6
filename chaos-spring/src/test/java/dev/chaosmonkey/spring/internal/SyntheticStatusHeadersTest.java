package dev.chaosmonkey.spring.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * chaos-spring's synthetic responses against a real one: WireMock on 127.0.0.1 answers {@code /real} with a 429 and
 * {@code Retry-After}/{@code X-Backend}; {@code /synthetic} is answered by {@code status(429, header=..., body=...)}
 * without reaching the server. Both carry the same fields; the synthetic one is marked {@code X-Chaos-Injected: <rule
 * id>}, as the agent's are (no {@code X-Chaos-Rule} any more).
 */
class SyntheticStatusHeadersTest {
    private static WireMockServer server;
    private static String base;
    private ChaosMonkey monkey;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/real")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "2").withHeader("X-Backend", "inventory-1").withBody("slow down")));
        server.stubFor(get(urlPathEqualTo("/synthetic")).willReturn(aResponse().withStatus(200).withBody("fine")));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        monkey = ChaosMonkey.create();
        monkey.enable();
        monkey.arm("http path=/synthetic -> status(429, header=\"Retry-After: 2\", header=\"X-Backend: inventory-1\","
                + " body=\"slow down\") id=limit");
    }

    @AfterEach
    void tearDown() {
        monkey.close();
        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/synthetic")).build()).getCount())
                .as("no synthetic call reached the server").isZero();
    }

    private static void looksLikeTheRealOne(int status, HttpHeaders headers, String body, String path) {
        assertThat(status).as(path).isEqualTo(429);
        assertThat(headers.get("Retry-After")).as(path).containsExactly("2");
        assertThat(headers.get("X-Backend")).as(path).containsExactly("inventory-1");
        assertThat(body).as(path).isEqualTo("slow down");
        assertThat(headers.containsHeader("X-Chaos-Rule")).as(path).isFalse();
    }

    @Test
    void restClient() {
        RestClient client = RestClient.builder().requestInterceptor(new ChaosHttpInterceptor(monkey, false))
                .defaultStatusHandler(s -> true, (request, response) -> { }).build();
        for (String path : new String[] {"/real", "/synthetic"}) {
            ResponseEntity<String> response = client.get().uri(base + path).retrieve().toEntity(String.class);
            looksLikeTheRealOne(response.getStatusCode().value(), response.getHeaders(), response.getBody(), path);
            assertThat(response.getHeaders().getFirst("X-Chaos-Injected")).as(path)
                    .isEqualTo(path.equals("/real") ? null : "limit");
        }
    }

    @Test
    void webClient() {
        WebClient client = WebClient.builder().filter(new ChaosExchangeFilter(monkey)).build();
        for (String path : new String[] {"/real", "/synthetic"}) {
            ResponseEntity<String> response = client.get().uri(base + path).exchangeToMono(r -> r.toEntity(String.class))
                    .block(Duration.ofSeconds(30));
            looksLikeTheRealOne(response.getStatusCode().value(), response.getHeaders(), response.getBody(), path);
            assertThat(response.getHeaders().getFirst("X-Chaos-Injected")).as(path)
                    .isEqualTo(path.equals("/real") ? null : "limit");
        }
    }

    @Test
    void aContentTypeFieldReplacesTheDefault() {
        monkey.arm("http path=/problem -> status(503, header=\"Content-Type: application/problem+json\","
                + " body=\"{}\")");
        RestClient client = RestClient.builder().requestInterceptor(new ChaosHttpInterceptor(monkey, false))
                .defaultStatusHandler(s -> true, (request, response) -> { }).build();
        ResponseEntity<String> rest = client.get().uri(base + "/problem").retrieve().toEntity(String.class);
        assertThat(rest.getHeaders().get("Content-Type")).containsExactly("application/problem+json");
        WebClient web = WebClient.builder().filter(new ChaosExchangeFilter(monkey)).build();
        ResponseEntity<String> reactive = web.get().uri(base + "/problem").exchangeToMono(r -> r.toEntity(String.class))
                .block(Duration.ofSeconds(30));
        assertThat(reactive.getHeaders().get("Content-Type")).containsExactly("application/problem+json");
    }
}
