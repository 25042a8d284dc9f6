package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import static org.awaitility.Awaitility.await;

/** HTTP faults through the packaged agent for the four supported clients, against WireMock on loopback. */
class HttpClientsIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static WireMockServer server;
    private static String base;
    private static HttpClient jdk;
    private static OkHttpClient okhttp;
    private static CloseableHttpClient apache;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("hello")));
        base = "http://127.0.0.1:" + server.port();
        jdk = HttpClient.newHttpClient();
        okhttp = new OkHttpClient();
        apache = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws IOException {
        apache.close();
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
        server.stop();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        server.resetRequests();
    }

    private static HttpRequest jdkGet(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private static long requestsTo(String path) {
        return server.countRequestsMatching(getRequestedFor(urlPathMatching(path)).build()).getCount();
    }

    // ---- JDK HttpClient ---------------------------------------------------------------------------------------

    @Test
    void jdkClientSendThrowsConnectExceptionWithoutCallingTheServer() {
        String id = MONKEY.arm("http host=127.0.0.1 path=/orders/* method=GET -> exception");
        assertThatThrownBy(() -> jdk.send(jdkGet("/orders/1"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThat(requestsTo("/orders/1")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        MONKEY.disarm(id);
        assertThat(send("/orders/1").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String path) {
        try {
            return jdk.send(jdkGet(path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jdkClientSendAsyncFailsThroughTheFuture() {
        MONKEY.arm("http path=/async -> exception(java.io.IOException, \"reset\")");
        CompletableFuture<HttpResponse<String>> future = jdk.sendAsync(jdkGet("/async"),
                HttpResponse.BodyHandlers.ofString());
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class).cause().hasMessage("reset");
    }

    @Test
    void jdkClientTimeoutIsHttpTimeoutException() {
        MONKEY.arm("http path=/slow -> timeout(100ms)");
        assertThatThrownBy(() -> jdk.send(jdkGet("/slow"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void jdkClientSyntheticStatusGoesThroughTheBodyHandler() throws Exception {
        String id = MONKEY.arm("http path=/status -> status(503)");
        HttpResponse<String> response = send("/status");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Chaos-Injected")).contains(id);
        assertThat(response.body()).contains("503").contains(id);
        HttpResponse<byte[]> async = jdk.sendAsync(jdkGet("/status"), HttpResponse.BodyHandlers.ofByteArray())
                .get(5, TimeUnit.SECONDS);
        assertThat(async.statusCode()).isEqualTo(503);
        assertThat(requestsTo("/status")).isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(2);
    }

    @Test
    void jdkClientDelayAndProbability() {
        MONKEY.arm("http path=/delayed -> delay(200ms)");
        long start = System.nanoTime();
        assertThat(send("/delayed").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        MONKEY.disarmAll();

        String id = MONKEY.arm("http path=/flaky -> status(500) p=0.5 seed=7");
        int errors = 0;
        for (int i = 0; i < 100; i++) {
            if (send("/flaky").statusCode() == 500) {
                errors++;
            }
        }
        assertThat(errors).isBetween(25, 75);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(100);
        assertThat(requestsTo("/flaky")).isEqualTo(100 - errors);
    }

    // ---- HttpURLConnection ------------------------------------------------------------------------------------

    @Test
    void httpUrlConnectionOneDecisionPerConnectionAndFailureSticks() throws Exception {
        String id = MONKEY.arm("http path=/legacy -> exception(java.net.SocketTimeoutException, \"read timed out\")");
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/legacy").openConnection();
        assertThatThrownBy(c::getResponseCode).isInstanceOf(SocketTimeoutException.class)
                .hasMessage("read timed out");
        assertThatThrownBy(c::getInputStream).isInstanceOf(SocketTimeoutException.class);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        assertThat(requestsTo("/legacy")).isZero();
        MONKEY.disarm(id);
        HttpURLConnection ok = (HttpURLConnection) new URL(base + "/legacy").openConnection();
        assertThat(ok.getResponseCode()).isEqualTo(200);
        try (InputStream in = ok.getInputStream()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("hello");
        }
    }

    @Test
    void httpUrlConnectionStatusFaultIsAnIoExceptionNamingTheStatus() throws Exception {
        MONKEY.arm("http path=/legacy-status -> status(502)");
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/legacy-status").openConnection();
        assertThatThrownBy(c::getInputStream).isInstanceOf(IOException.class).hasMessageContaining("502");
    }

    @Test
    void httpUrlConnectionDelay() throws Exception {
        MONKEY.arm("http path=/legacy-slow -> delay(150ms)");
        long start = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/legacy-slow").openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    // ---- Apache HttpClient 5 ----------------------------------------------------------------------------------

    @Test
    void apacheClientThrowsAndRecovers() throws Exception {
        String id = MONKEY.arm("http path=/apache method=GET -> exception");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> apache.execute(new HttpGet(base + "/apache"),
                    r -> EntityUtils.toString(r.getEntity()))).isInstanceOf(ConnectException.class);
        }
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(3);
        assertThat(requestsTo("/apache")).isZero();
        MONKEY.disarm(id);
        String body = apache.execute(new HttpGet(base + "/apache"), r -> EntityUtils.toString(r.getEntity()));
        assertThat(body).isEqualTo("hello");
    }

    @Test
    void apacheClientStatusAndTimeout() throws Exception {
        MONKEY.arm("http path=/apache-status -> status(503)");
        int code = apache.execute(new HttpGet(base + "/apache-status"), r -> r.getCode());
        assertThat(code).isEqualTo(503);
        assertThat(requestsTo("/apache-status")).isZero();
        MONKEY.arm("http path=/apache-timeout -> timeout(50ms)");
        assertThatThrownBy(() -> apache.execute(new HttpGet(base + "/apache-timeout"), r -> r.getCode()))
                .isInstanceOf(SocketTimeoutException.class);
    }

    // ---- OkHttp -----------------------------------------------------------------------------------------------

    @Test
    void okHttpExecuteThrowsAndSyntheticStatus() throws Exception {
        String id = MONKEY.arm("http path=/ok -> exception(java.net.ConnectException, \"refused\")");
        Request request = new Request.Builder().url(base + "/ok").build();
        assertThatThrownBy(() -> okhttp.newCall(request).execute()).isInstanceOf(ConnectException.class)
                .hasMessage("refused");
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        MONKEY.disarm(id);

        String status = MONKEY.arm("http path=/ok -> status(503)");
        try (Response response = okhttp.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.header("X-Chaos-Injected")).isEqualTo(status);
            assertThat(response.body().string()).contains(status);
        }
        assertThat(requestsTo("/ok")).isZero();
        MONKEY.disarm(status);
        try (Response response = okhttp.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("hello");
        }
    }

    @Test
    void okHttpEnqueueDeliversTheFailureToTheCallback() {
        MONKEY.arm("http path=/ok-async -> exception(java.io.IOException, \"async boom\")");
        AtomicReference<IOException> failure = new AtomicReference<>();
        okhttp.newCall(new Request.Builder().url(base + "/ok-async").build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failure.set(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
            }
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(failure.get()).isNotNull()
                .hasMessage("async boom"));
    }

    @Test
    void okHttpDelay() throws Exception {
        MONKEY.arm("http path=/ok-slow -> delay(150ms)");
        long start = System.nanoTime();
        try (Response response = okhttp.newCall(new Request.Builder().url(base + "/ok-slow").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
