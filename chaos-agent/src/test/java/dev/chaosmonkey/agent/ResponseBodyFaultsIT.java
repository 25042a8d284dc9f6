package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Response-body faults under the packaged agent look like the real failures: for each client the same call is made
 * to {@link BrokenHttpServer} once where the server really truncates or resets the response, and once to the whole
 * response with the fault armed; the outcomes (exception types and messages, or status, length and content of the
 * body read) must be the same. Dribbles take at least the time the rate asks for, and the kill switch releases a
 * dribbling reader. A chunked body can really be cut inside a chunk ({@code chunked}) or between two
 * ({@code chunks}); the JDK clients and OkHttp report the injected cut as the first, Apache HttpClient as the second
 * (its chunk sizes are not visible outside its stream); {@code HttpURLConnection} reports both alike.
 */
class ResponseBodyFaultsIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static BrokenHttpServer server;
    private long internalErrorsBefore;

    @BeforeAll
    static void start() throws Exception {
        server = new BrokenHttpServer();
    }

    @AfterAll
    static void stop() throws Exception {
        OKHTTP.dispatcher().executorService().shutdown();
        OKHTTP.connectionPool().evictAll();
        server.close();
    }

    @BeforeEach
    void countErrors() {
        internalErrorsBefore = AgentInternalErrors.count();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        assertThat(AgentInternalErrors.count()).as("internal errors of the agent").isEqualTo(internalErrorsBefore);
    }

    /** What a client saw, comparable between a real and an injected failure. */
    interface Client {
        String call(String path) throws Exception;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        for (int i = 0; i < 4 && cause != null; i++, cause = cause.getCause()) {
            sb.append(" / ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }

    private static String body(int status, byte[] body) {
        return status + " " + body.length + " bytes " + (Arrays.equals(body,
                Arrays.copyOf(BrokenHttpServer.BODY, body.length)) ? "of the real body" : "DIFFERENT from the body");
    }

    private static final Client JDK_SYNC = path -> {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return body(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        }
    };

    private static final Client JDK_ASYNC = path -> {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).get();
            return body(r.statusCode(), r.body());
        } catch (ExecutionException e) {
            assertInjectedOnlyWhenArmed(e.getCause());
            return describe(e.getCause());
        }
    };

    private static final Client JDK_STREAM = path -> {
        try {
            HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                return body(r.statusCode(), in.readAllBytes());
            }
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        }
    };

    private static final Client URL_CONNECTION = path -> {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.base() + path).toURL().openConnection();
        try {
            int status = c.getResponseCode();
            try (java.io.InputStream in = c.getInputStream()) {
                return body(status, in.readAllBytes());
            }
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        } finally {
            c.disconnect();
        }
    };

    private static final okhttp3.OkHttpClient OKHTTP = new okhttp3.OkHttpClient();

    private static final Client OK_HTTP = path -> {
        try (okhttp3.Response r = OKHTTP.newCall(new okhttp3.Request.Builder().url(server.base() + path).build())
                .execute()) {
            return body(r.code(), r.body().bytes());
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        }
    };

    private static final Client APACHE5 = path -> {
        try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                org.apache.hc.client5.http.impl.classic.HttpClients.createDefault()) {
            return client.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(server.base() + path),
                    r -> body(r.getCode(), org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(r.getEntity())));
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        }
    };

    private static final Client APACHE4 = path -> {
        try (org.apache.http.impl.client.CloseableHttpClient client =
                org.apache.http.impl.client.HttpClients.createDefault();
                org.apache.http.client.methods.CloseableHttpResponse r = client.execute(
                        new org.apache.http.client.methods.HttpGet(server.base() + path))) {
            return body(r.getStatusLine().getStatusCode(), org.apache.http.util.EntityUtils.toByteArray(r.getEntity()));
        } catch (java.io.IOException e) {
            assertInjectedOnlyWhenArmed(e);
            return describe(e);
        }
    };

    private static final Client APACHE_ASYNC = path -> {
        try (org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client =
                org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault()) {
            client.start();
            org.apache.hc.client5.http.async.methods.SimpleHttpResponse r = client.execute(
                    org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.get(server.base() + path).build(),
                    null).get();
            return body(r.getCode(), r.getBodyBytes());
        } catch (ExecutionException e) {
            assertInjectedOnlyWhenArmed(e.getCause());
            return describe(e.getCause());
        }
    };

    private static void assertInjectedOnlyWhenArmed(Throwable e) {
        assertThat(ChaosMonkey.isInjected(e)).as("labelled as injected: " + e).isEqualTo(!MONKEY.rules().isEmpty());
    }

    private static Client client(String name) {
        switch (name) {
            case "jdk-sync":
                return JDK_SYNC;
            case "jdk-async":
                return JDK_ASYNC;
            case "jdk-stream":
                return JDK_STREAM;
            case "okhttp":
                return OK_HTTP;
            case "apache5":
                return APACHE5;
            case "apache4":
                return APACHE4;
            case "apache-async":
                return APACHE_ASYNC;
            default:
                return URL_CONNECTION;
        }
    }

    @ParameterizedTest(name = "{0}: {1} of a {2} body")
    @CsvSource({
        "jdk-sync, truncate, fixed", "jdk-sync, truncate, chunked", "jdk-sync, truncate, close",
        "jdk-sync, reset, fixed", "jdk-sync, reset, chunked", "jdk-sync, reset, close",
        "jdk-async, truncate, fixed", "jdk-async, reset, chunked", "jdk-async, reset, close",
        "jdk-stream, truncate, fixed", "jdk-stream, reset, close",
        "url-connection, truncate, fixed", "url-connection, truncate, chunked", "url-connection, truncate, close",
        "url-connection, reset, fixed", "url-connection, reset, chunked", "url-connection, reset, close",
        "okhttp, truncate, fixed", "okhttp, truncate, chunked", "okhttp, truncate, close",
        "okhttp, reset, fixed", "okhttp, reset, chunked", "okhttp, reset, close",
        "apache5, truncate, fixed", "apache5, truncate, chunks", "apache5, truncate, close",
        "apache5, reset, fixed", "apache5, reset, chunked", "apache5, reset, close",
        "apache4, truncate, fixed", "apache4, truncate, chunks", "apache4, truncate, close",
        "apache4, reset, fixed", "apache4, reset, chunked", "apache4, reset, close",
        "url-connection, truncate, chunks",
    })
    void aFailureInTheBodyLooksLikeTheRealOne(String clientName, String fault, String framing) throws Exception {
        Client client = client(clientName);
        String real = client.call("/" + (fault.equals("truncate") ? "trunc" : "reset") + "/" + framing);
        String id = MONKEY.arm("http path=/full/" + framing + " -> " + fault + "(after=" + BrokenHttpServer.SENT
                + "B)");
        String injected = client.call("/full/" + framing);
        // a real reset may reach the client before all 100 bytes: compare the counts only where they are exact
        assertThat(injected.replaceAll("received: \\d+", "received: N"))
                .isEqualTo(real.replaceAll("received: \\d+", "received: N"));
        assertThat(injected).doesNotContain("received: 0").doesNotContain("DIFFERENT");
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).as("one decision per call").isEqualTo(1);
        MONKEY.disarmAll();
        assertThat(client.call("/full/" + framing)).as("disarmed: the whole body")
                .isEqualTo(body(200, BrokenHttpServer.BODY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdk-sync", "jdk-async", "url-connection", "okhttp", "apache5", "apache4", "apache-async"})
    void aResetBeforeTheResponseLooksLikeTheRealOne(String clientName) throws Exception {
        Client client = client(clientName);
        String real = client.call("/reset/before");
        MONKEY.arm("http path=/full/fixed -> reset");
        assertThat(client.call("/full/fixed")).isEqualTo(real);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdk-sync", "jdk-stream", "url-connection", "okhttp", "apache5", "apache4"})
    void aDribbledBodyArrivesWholeAtTheRate(String clientName) throws Exception {
        MONKEY.arm("http path=/full/fixed -> dribble(rate=1KB/s)");
        long start = System.nanoTime();
        assertThat(client(clientName).call("/full/fixed")).isEqualTo(body(200, BrokenHttpServer.BODY));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // 1000 bytes at 1024 B/s: at least 0.97 s (no upper bound: the machine may be slow)
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdk-sync", "jdk-async", "url-connection", "okhttp", "apache5", "apache4"})
    void theKillSwitchReleasesADribblingReader(String clientName) throws Exception {
        MONKEY.arm("http path=/full/chunked -> dribble(rate=10B/s)");
        AtomicReference<String> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                seen.set(client(clientName).call("/full/chunked"));
            } catch (Exception e) {
                seen.set(describe(e));
            }
        }, "dribbling-reader");
        reader.setDaemon(true);
        reader.start();
        // 1000 bytes at 10 B/s would take 100 s
        await().atMost(Duration.ofSeconds(30)).until(() -> MONKEY.heldCalls() >= 1);
        MONKEY.disarmAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> !reader.isAlive());
        assertThat(seen.get()).isEqualTo(body(200, BrokenHttpServer.BODY));
    }

    @Test
    void aBodyShorterThanTheCutIsUntouched() throws Exception {
        String id = MONKEY.arm("http path=/full/* -> truncate(after=2KB)");
        assertThat(JDK_SYNC.call("/full/fixed")).isEqualTo(body(200, BrokenHttpServer.BODY));
        assertThat(URL_CONNECTION.call("/full/chunked")).isEqualTo(body(200, BrokenHttpServer.BODY));
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(2);
    }
}
