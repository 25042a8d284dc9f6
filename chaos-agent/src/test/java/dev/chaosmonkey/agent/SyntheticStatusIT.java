package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.HttpResponseException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A synthetic {@code status(503)} looks like a real 503 to every client: WireMock on 127.0.0.1 answers
 * {@code /real} with a real 503, and {@code /synthetic} with 200 (the rule answers it with 503 without calling the
 * server). The same assertions run on both responses for each client.
 */
class SyntheticStatusIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static WireMockServer server;
    private static String base;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/real")).willReturn(aResponse().withStatus(503)
                .withStatusMessage("Service Unavailable")
                .withHeader("Content-Type", "text/plain; charset=utf-8").withHeader("Retry-After", "2")
                .withHeader("X-Backend", "inventory-1").withBody("inventory is down")));
        server.stubFor(get(urlPathEqualTo("/synthetic")).willReturn(aResponse().withStatus(200).withBody("fine")));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/synthetic")).build()).getCount())
                .as("no synthetic call reached the server").isZero();
        server.resetRequests();
    }

    /** The synthetic 503 with the body and the header fields the real server sends. */
    private static String arm() {
        return MONKEY.arm("http path=/synthetic -> status(503, header=\"Retry-After: 2\","
                + " header=\"X-Backend: inventory-1\", body=\"inventory is down\")");
    }

    // ---- HttpURLConnection ----------------------------------------------------------------------------------

    private static void httpUrlConnectionSeesA503(String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(503);
        assertThat(c.getResponseMessage()).isEqualTo("Service Unavailable");
        assertThat(c.getContentType()).startsWith("text/plain");
        assertThat(c.getHeaderField(0)).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(c.getHeaderFields()).containsKey("Content-Type");
        assertThat(c.getHeaderField("Retry-After")).isEqualTo("2");
        assertThat(c.getHeaderField("x-backend")).isEqualTo("inventory-1");
        assertThat(c.getHeaderFields().get("Retry-After")).containsExactly("2");
        assertThatThrownBy(c::getInputStream).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Server returned HTTP response code: 503 for URL: " + base + path);
        try (InputStream error = c.getErrorStream()) {
            assertThat(error).isNotNull();
            assertThat(new String(error.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("inventory is down");
        }
        assertThat(c.getResponseCode()).as("asked again").isEqualTo(503);
        c.disconnect();
    }

    @Test
    void httpUrlConnection() throws Exception {
        httpUrlConnectionSeesA503("/real");
        String id = arm();
        httpUrlConnectionSeesA503("/synthetic");
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
    }

    @Test
    void httpUrlConnectionAskedForAHeaderFirst() throws Exception {
        arm();
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/synthetic").toURL().openConnection();
        assertThat(c.getContentType()).startsWith("text/plain");
        assertThat(c.getResponseCode()).isEqualTo(503);
    }

    // ---- Apache HttpClient 5 classic ------------------------------------------------------------------------

    private static void apacheSeesA503(CloseableHttpClient client, String path) throws Exception {
        String seen = client.execute(new HttpGet(base + path), response -> response.getCode() + " "
                + response.getReasonPhrase() + " " + response.getFirstHeader("Content-Type").getValue().startsWith(
                        "text/plain") + " " + response.getHeaders("Retry-After").length + " "
                + response.getFirstHeader("Retry-After").getValue() + " " + response.getFirstHeader("X-Backend")
                        .getValue() + " " + EntityUtils.toString(response.getEntity()));
        assertThat(seen).isEqualTo("503 Service Unavailable true 1 2 inventory-1 inventory is down");
        assertThatThrownBy(() -> client.execute(new HttpGet(base + path), new BasicHttpClientResponseHandler()))
                .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.getReasonPhrase()).isEqualTo("Service Unavailable");
                });
    }

    @Test
    void apacheHttpClient5() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            apacheSeesA503(client, "/real");
            String id = arm();
            apacheSeesA503(client, "/synthetic");
            assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(2);
        }
    }

    // ---- JDK HttpClient -------------------------------------------------------------------------------------

    private static void jdkClientSeesA503(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.headers().allValues("retry-after")).containsExactly("2");
        assertThat(response.headers().firstValue("X-Backend")).hasValue("inventory-1");
        assertThat(response.body()).isEqualTo("inventory is down");
    }

    @Test
    void jdkHttpClient() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        jdkClientSeesA503(client, "/real");
        arm();
        jdkClientSeesA503(client, "/synthetic");
    }

    @Test
    void anEmptyBody() throws Exception {
        MONKEY.arm("http path=/synthetic -> status(502, body=\"\")");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/synthetic")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-length")).hasValue("0");
    }

    @Test
    void aContentTypeFieldReplacesTheDefaultAndRepeatedFieldsStay() throws Exception {
        String id = MONKEY.arm("http path=/synthetic -> status(429, header=\"Content-Type: application/problem+json\","
                + " header=\"Link: <a>\", header=\"Link: <b>\", body=\"{}\")");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/synthetic")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().allValues("content-type")).containsExactly("application/problem+json");
        assertThat(response.headers().allValues("link")).containsExactly("<a>", "<b>");
        assertThat(response.headers().firstValue("x-chaos-injected")).hasValue(id);
        try (Response ok = new OkHttpClient().newCall(new Request.Builder().url(base + "/synthetic").build())
                .execute()) {
            assertThat(ok.headers("Content-Type")).containsExactly("application/problem+json");
            // OkHttp adds the charset of a String body to its media type (the header stays as given)
            assertThat(ok.body().contentType().toString()).startsWith("application/problem+json");
            assertThat(ok.headers("Link")).containsExactly("<a>", "<b>");
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/synthetic").toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(429);
        assertThat(c.getContentType()).isEqualTo("application/problem+json");
        assertThat(c.getHeaderField("Link")).isEqualTo("<b>");
        assertThat(c.getHeaderFields().get("Link")).containsExactly("<b>", "<a>");
        c.disconnect();
        try (CloseableHttpClient apache = HttpClients.createDefault()) {
            String seen = apache.execute(new HttpGet(base + "/synthetic"), r -> r.getHeaders("Content-Type").length
                    + " " + r.getEntity().getContentType() + " " + r.getHeaders("Link").length);
            assertThat(seen).isEqualTo("1 application/problem+json 2");
        }
    }

    // ---- OkHttp ---------------------------------------------------------------------------------------------

    private static void okHttpSeesA503(OkHttpClient client, String path) throws Exception {
        try (Response response = client.newCall(new Request.Builder().url(base + path).build()).execute()) {
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.message()).isEqualTo("Service Unavailable");
            assertThat(response.isSuccessful()).isFalse();
            assertThat(response.header("Content-Type")).startsWith("text/plain");
            assertThat(response.headers("Retry-After")).containsExactly("2");
            assertThat(response.header("X-Backend")).isEqualTo("inventory-1");
            assertThat(response.body().string()).isEqualTo("inventory is down");
        }
    }

    @Test
    void okHttp() throws Exception {
        OkHttpClient client = new OkHttpClient();
        try {
            okHttpSeesA503(client, "/real");
            arm();
            okHttpSeesA503(client, "/synthetic");
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
