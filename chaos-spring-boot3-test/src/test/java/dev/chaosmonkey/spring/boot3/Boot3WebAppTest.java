package dev.chaosmonkey.spring.boot3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.spring.internal.InternalErrors;

/**
 * chaos-spring on Spring Boot 3.5: a real server on 127.0.0.1, RestTemplate (from Boot 3's RestTemplateBuilder),
 * RestClient and WebClient against WireMock, JdbcTemplate on H2, the chaos endpoint and the info contributor.
 */
@SpringBootTest(classes = Boot3App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:boot3;DB_CLOSE_DELAY=-1",
            "management.endpoints.web.exposure.include=health,info,chaos", "chaos.enabled=true",
            "management.endpoint.health.show-details=always",
            "chaos.rules[0]=http path=/boot3/flaky -> status(503) id=boot3-flaky"})
class Boot3WebAppTest {
    static final WireMockServer WIREMOCK = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        WIREMOCK.start();
        WIREMOCK.stubFor(get(urlPathMatching("/boot3/.*")).willReturn(aResponse().withBody("ok")));
        Runtime.getRuntime().addShutdownHook(new Thread(WIREMOCK::stop));
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry registry) {
        registry.add("remote.url", () -> "http://127.0.0.1:" + WIREMOCK.port());
    }

    @Autowired
    ChaosMonkey monkey;
    @Autowired
    RestTemplate restTemplate;
    @Autowired
    RestClient.Builder restClientBuilder;
    @Autowired
    WebClient.Builder webClientBuilder;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    private final long internalErrors = InternalErrors.count();

    @AfterEach
    void disarm() {
        monkey.rules().stream().filter(r -> !r.getId().equals("boot3-flaky")).forEach(r -> monkey.disarm(r.getId()));
        assertThat(InternalErrors.count()).isEqualTo(internalErrors);
    }

    private String remote(String path) {
        return environment.getProperty("remote.url") + path;
    }

    @Test
    void runsOnSpringBoot35() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        assertThat(monkey).isSameAs(ChaosMonkey.global());
    }

    @Test
    void restTemplateFromBoot3sBuilderSeesTheSyntheticStatus() {
        assertThat(restTemplate.getForObject(remote("/boot3/a"), String.class)).isEqualTo("ok");
        assertThatThrownBy(() -> restTemplate.getForObject(remote("/boot3/flaky"), String.class))
                .isInstanceOf(HttpServerErrorException.ServiceUnavailable.class);
        assertThat(monkey.rule("boot3-flaky").orElseThrow().getInjected()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void restClientAndWebClient() {
        RestClient client = restClientBuilder.build();
        monkey.arm("http path=/boot3/down -> exception");
        assertThatThrownBy(() -> client.get().uri(remote("/boot3/down")).retrieve().body(String.class))
                .isInstanceOf(ResourceAccessException.class).hasCauseInstanceOf(ConnectException.class);
        assertThat(client.get().uri(remote("/boot3/a")).retrieve().body(String.class)).isEqualTo("ok");
        WebClient web = webClientBuilder.build();
        assertThatThrownBy(() -> web.get().uri(remote("/boot3/flaky")).retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(30))).isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
    }

    @Test
    void jdbcTemplate() {
        String id = monkey.arm("jdbc sql~\"(?i)select 7\" -> exception(\"db down\")");
        assertThatThrownBy(() -> jdbc.queryForObject("select 7", Integer.class))
                .isInstanceOf(DataAccessException.class).hasRootCauseMessage("db down");
        monkey.disarm(id);
        assertThat(jdbc.queryForObject("select 7", Integer.class)).isEqualTo(7);
    }

    @Test
    void actuatorEndpointAndInfo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/actuator/";
        HttpResponse<String> armed = http.send(HttpRequest.newBuilder(URI.create(base + "chaos"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specs\": \"http host=nowhere -> status(503) id=b3\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "info")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("b3 [ACTIVE] http host=nowhere -> status(503)");
        String health = http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"chaos\":{\"status\":\"UP\"").contains("\"faultsActive\":true")
                .contains("b3 [ACTIVE] http host=nowhere -> status(503)");
        HttpResponse<String> disarmed = http.send(HttpRequest.newBuilder(URI.create(base + "chaos/b3")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(disarmed.statusCode()).isEqualTo(200);
        assertThat(monkey.rule("b3")).isEmpty();
    }
}
