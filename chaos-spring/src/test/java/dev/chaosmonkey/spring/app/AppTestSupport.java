package dev.chaosmonkey.spring.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * What the Spring Boot application tests share (one application context, cached across the test classes): WireMock
 * on 127.0.0.1 as the inventory and pricing service, an in-process KRaft Kafka broker, and an HTTP client for the
 * actuator. Both servers live for the whole test JVM.
 */
public abstract class AppTestSupport {
    static final WireMockServer WIREMOCK;
    static final EmbeddedKafkaKraftBroker KAFKA;

    static {
        WIREMOCK = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        WIREMOCK.start();
        WIREMOCK.stubFor(get(urlPathMatching("/inventory/.*")).willReturn(aResponse().withBody("7")));
        WIREMOCK.stubFor(get(urlPathMatching("/price/.*")).willReturn(aResponse().withBody("9.99")));
        KAFKA = new EmbeddedKafkaKraftBroker(1, 1, "orders");
        KAFKA.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            WIREMOCK.stop();
            KAFKA.destroy();
        }));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("inventory.url", () -> "http://127.0.0.1:" + WIREMOCK.port());
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    protected Environment environment;

    /** One actuator call; {@code user} may be null for an anonymous call. */
    protected HttpResponse<String> actuator(String method, String path, String json, String user, String password)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + "/actuator/" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null || method.equals("POST")) {
            b.header("Content-Type", "application/json"); // write operations consume JSON, also without a body
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> asOps(String method, String path, String json) throws Exception {
        return actuator(method, path, json, "ops", "ops-secret");
    }
}
