package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Apache HttpClient 4.5 classic and HttpClient 5 async through the packaged agent, against WireMock on loopback:
 * the HTTP fault table, one decision per logical call, failures of the async client through its future and callback.
 */
class ApacheClientLinesIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static WireMockServer server;
    private static String base;
    private static CloseableHttpClient classic4;
    private static CloseableHttpAsyncClient async5;
    private static long internalErrorsBefore;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("hello")));
        // a real 429/503 with the header fields the synthetic ones are given
        server.stubFor(get(urlPathEqualTo("/real-limit")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "2").withHeader("X-Backend", "inventory-1").withBody("slow down")));
        server.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/landing")));
        base = "http://127.0.0.1:" + server.port();
        classic4 = HttpClients.createDefault();
        async5 = HttpAsyncClients.createDefault();
        async5.start();
        internalErrorsBefore = AgentInternalErrors.count();
    }

    @AfterAll
    static void stop() throws IOException {
        classic4.close();
        async5.close();
        server.stop();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        server.resetRequests();
        assertThat(AgentInternalErrors.count()).isEqualTo(internalErrorsBefore);
    }

    private static long requestsTo(String path) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
    }

    private static String get4(String path) throws IOException {
        try (CloseableHttpResponse response = classic4.execute(new HttpGet(base + path))) {
            return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
        }
    }

    // ---- HttpClient 4.5 classic -------------------------------------------------------------------------------

    @Test
    void classic4ThrowsWithoutCallingTheServerAndRecovers() throws Exception {
        String id = MONKEY.arm("http host=127.0.0.1 path=/v4/* method=GET -> exception");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> get4("/v4/orders")).isInstanceOf(ConnectException.class)
                    .hasMessageContaining(id).satisfies(e -> assertThat(ChaosMonkey.isInjected(e)).isTrue());
        }
        assertThat(requestsTo("/v4/orders")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(3);
        MONKEY.disarm(id);
        assertThat(get4("/v4/orders")).isEqualTo("200 hello");
    }

    @Test
    void classic4SyntheticStatusIsACloseableResponseWithABody() throws Exception {
        String id = MONKEY.arm("http path=/v4/status -> status(503)");
        try (CloseableHttpResponse response = classic4.execute(new HttpGet(base + "/v4/status"))) {
            assertThat(response.getStatusLine().getStatusCode()).isEqualTo(503);
            assertThat(response.getFirstHeader("X-Chaos-Injected").getValue()).isEqualTo(id);
            assertThat(EntityUtils.toString(response.getEntity())).isEqualTo("chaos: HTTP 503 injected by rule " + id);
        }
        // the ResponseHandler overload goes through the same doExecute: one decision
        String handled = classic4.execute(new HttpGet(base + "/v4/status"),
                r -> Integer.toString(r.getStatusLine().getStatusCode()));
        assertThat(handled).isEqualTo("503");
        assertThat(requestsTo("/v4/status")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(2);
    }

    @Test
    void classic4SyntheticHeadersAreTheRealOnes() throws Exception {
        String id = MONKEY.arm("http path=/v4/limit -> status(429, header=\"Retry-After: 2\","
                + " header=\"X-Backend: inventory-1\", body=\"slow down\")");
        for (String path : new String[] {"/real-limit", "/v4/limit"}) {
            try (CloseableHttpResponse response = classic4.execute(new HttpGet(base + path))) {
                assertThat(response.getStatusLine().getStatusCode()).as(path).isEqualTo(429);
                assertThat(response.getHeaders("Retry-After")).as(path).hasSize(1);
                assertThat(response.getFirstHeader("Retry-After").getValue()).as(path).isEqualTo("2");
                assertThat(response.getFirstHeader("X-Backend").getValue()).as(path).isEqualTo("inventory-1");
                assertThat(EntityUtils.toString(response.getEntity())).as(path).isEqualTo("slow down");
            }
        }
        assertThat(requestsTo("/v4/limit")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
    }

    @Test
    void classic4StatusDrawnFromASetOncePerCall() throws Exception {
        String id = MONKEY.arm("http path=/v4/set -> status(500|502|503)");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            String answer = get4("/v4/set");
            // status line and body of one response agree: one draw per call
            assertThat(answer).matches("(50[023]) chaos: HTTP \\1 injected by rule " + id);
            seen.add(answer.substring(0, 3));
        }
        assertThat(seen).containsExactlyInAnyOrder("500", "502", "503");
        assertThat(requestsTo("/v4/set")).isZero();
    }

    @Test
    void classic4DelayTimeoutAndOneDecisionAcrossRedirects() throws Exception {
        MONKEY.arm("http path=/v4/slow -> delay(200ms)");
        long start = System.nanoTime();
        assertThat(get4("/v4/slow")).isEqualTo("200 hello");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        MONKEY.disarmAll();

        MONKEY.arm("http path=/v4/timeout -> timeout(100ms)");
        start = System.nanoTime();
        assertThatThrownBy(() -> get4("/v4/timeout")).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        MONKEY.disarmAll();

        // a redirect is followed inside the one logical call: decided once, for the requested path
        String id = MONKEY.arm("http -> delay(1ms)");
        assertThat(get4("/moved")).isEqualTo("200 hello");
        assertThat(requestsTo("/landing")).isEqualTo(1);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
    }

    // ---- HttpClient 5 async -----------------------------------------------------------------------------------

    private static final class Recorded implements FutureCallback<SimpleHttpResponse> {
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        @Override
        public void completed(SimpleHttpResponse result) {
            outcome.complete("completed " + result.getCode() + " " + result.getBodyText());
        }

        @Override
        public void failed(Exception ex) {
            outcome.complete("failed " + ex.getClass().getName() + ": " + ex.getMessage());
        }

        @Override
        public void cancelled() {
            outcome.complete("cancelled");
        }
    }

    private static SimpleHttpRequest get5(String path) {
        return SimpleRequestBuilder.get(base + path).build();
    }

    @Test
    void async5FailsThroughTheFutureAndTheCallbackNeverByThrowing() throws Exception {
        String id = MONKEY.arm("http path=/v5/fail -> exception(java.io.IOException, \"reset\")");
        Recorded callback = new Recorded();
        Future<SimpleHttpResponse> future = async5.execute(get5("/v5/fail"), callback);
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class).hasMessageStartingWith("reset")
                .satisfies(e -> assertThat(ChaosMonkey.isInjected(e)).isTrue());
        assertThat(callback.outcome.get(10, TimeUnit.SECONDS)).startsWith("failed java.io.IOException: reset");
        assertThat(requestsTo("/v5/fail")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        MONKEY.disarm(id);
        assertThat(async5.execute(get5("/v5/fail"), null).get(10, TimeUnit.SECONDS).getCode()).isEqualTo(200);
    }

    @Test
    void async5SyntheticStatusCompletesTheFutureWithTheResponse() throws Exception {
        String id = MONKEY.arm("http path=/v5/status method=GET -> status(429)");
        Recorded callback = new Recorded();
        SimpleHttpResponse response = async5.execute(get5("/v5/status"), callback).get(10, TimeUnit.SECONDS);
        assertThat(response.getCode()).isEqualTo(429);
        assertThat(response.getFirstHeader("X-Chaos-Injected").getValue()).isEqualTo(id);
        assertThat(response.getBodyText()).isEqualTo("chaos: HTTP 429 injected by rule " + id);
        assertThat(callback.outcome.get(10, TimeUnit.SECONDS))
                .isEqualTo("completed 429 chaos: HTTP 429 injected by rule " + id);
        assertThat(requestsTo("/v5/status")).isZero();
    }

    @Test
    void async5SyntheticHeadersAreTheRealOnes() throws Exception {
        String id = MONKEY.arm("http path=/v5/limit -> status(429, header=\"Retry-After: 2\","
                + " header=\"X-Backend: inventory-1\", body=\"slow down\")");
        for (String path : new String[] {"/real-limit", "/v5/limit"}) {
            SimpleHttpResponse response = async5.execute(get5(path), null).get(10, TimeUnit.SECONDS);
            assertThat(response.getCode()).as(path).isEqualTo(429);
            assertThat(response.getHeaders("Retry-After")).as(path).hasSize(1);
            assertThat(response.getFirstHeader("Retry-After").getValue()).as(path).isEqualTo("2");
            assertThat(response.getFirstHeader("X-Backend").getValue()).as(path).isEqualTo("inventory-1");
            assertThat(response.getBodyText()).as(path).isEqualTo("slow down");
        }
        assertThat(requestsTo("/v5/limit")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
    }

    @Test
    void async5DelayAndTimeoutWaitOnATimerNotOnTheCaller() throws Exception {
        String id = MONKEY.arm("http path=/v5/slow -> delay(300ms)");
        long start = System.nanoTime();
        Future<SimpleHttpResponse> slow = async5.execute(get5("/v5/slow"), null);
        long returnedAfter = System.nanoTime() - start;
        assertThat(slow.get(10, TimeUnit.SECONDS).getBodyText()).isEqualTo("hello");
        long completedAfter = System.nanoTime() - start;
        assertThat(Duration.ofNanos(completedAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(returnedAfter).isLessThan(completedAfter);
        assertThat(requestsTo("/v5/slow")).isEqualTo(1);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        MONKEY.disarmAll();

        MONKEY.arm("http path=/v5/timeout -> timeout(200ms)");
        start = System.nanoTime();
        Future<SimpleHttpResponse> timeout = async5.execute(get5("/v5/timeout"), null);
        assertThatThrownBy(() -> timeout.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(requestsTo("/v5/timeout")).isZero();
    }

    @Test
    void async5OneDecisionPerCallAcrossRedirects() throws Exception {
        String id = MONKEY.arm("http -> delay(1ms)");
        assertThat(async5.execute(get5("/moved"), null).get(10, TimeUnit.SECONDS).getBodyText()).isEqualTo("hello");
        assertThat(requestsTo("/landing")).isEqualTo(1);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
    }
}
