package dev.chaosmonkey.spring.otel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;
import dev.chaosmonkey.spring.internal.InternalErrors;
import dev.chaosmonkey.spring.internal.ScopeHeaders;
import dev.chaosmonkey.spring.internal.ScopeTravel;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;

/**
 * Two services in one JVM, run by {@code OpenTelemetryBaggageIT} with and without the OpenTelemetry Java agent:
 * service A (the main thread) calls service B ({@code /b} on 127.0.0.1) through the starter's {@code RestClient} and
 * {@code WebClient} inside chaos scopes; B reports the scope its request ran in, the chaos headers it received and
 * whether its H2 query met the fault scoped to {@code checkout-otel}. One line per case on standard output.
 */
@SpringBootApplication
public class BaggageApp {

    public static void main(String[] args) throws Exception {
        SpringApplication app = new SpringApplication(BaggageApp.class);
        app.setDefaultProperties(java.util.Map.of("spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext ctx = app.run("--server.address=127.0.0.1", "--server.port=0",
                "--spring.main.web-application-type=servlet",
                "--spring.datasource.url=jdbc:h2:mem:baggage;DB_CLOSE_DELAY=-1",
                "--spring.jpa.hibernate.ddl-auto=none", "--spring.jpa.open-in-view=false",
                "--chaos.enabled=true", "--chaos.scope.allowed=checkout-*")) {
            String port = ctx.getEnvironment().getProperty("local.server.port");
            String b = "http://127.0.0.1:" + port;
            ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
            monkey.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                    + " \"scoped db down\") scope=checkout-otel");
            monkey.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                    + " \"scoped db down\") scope=evil-otel");
            RestClient rest = ctx.getBean(RestClient.Builder.class).requestFactory(new JdkClientHttpRequestFactory())
                    .baseUrl(b).build();
            WebClient web = ctx.getBean(WebClient.Builder.class).baseUrl(b).build();
            System.out.println("mode viaOpenTelemetry=" + ScopeTravel.viaOpenTelemetry());
            try (ChaosScope scope = monkey.openScope("checkout-otel")) {
                report("restclient-allowed", rest.get().uri("/b").retrieve().body(String.class));
            }
            try (ChaosScope scope = monkey.openScope("evil-otel")) {
                report("restclient-disallowed", rest.get().uri("/b").retrieve().body(String.class));
            }
            report("restclient-unscoped", rest.get().uri("/b").retrieve().body(String.class));
            try (Scope tenant = Baggage.current().toBuilder().put("tenant", "acme").build().makeCurrent();
                    ChaosScope scope = monkey.openScope("checkout-otel")) {
                report("restclient-other-baggage", rest.get().uri("/b").retrieve().body(String.class));
            }
            try (ChaosScope scope = monkey.openScope("checkout-otel")) {
                report("webclient-allowed", web.get().uri("/b").retrieve().bodyToMono(String.class).block());
            }
            // a caller without chaos-spring: the W3C baggage header alone, written by hand
            HttpClient http = HttpClient.newHttpClient();
            for (String name : List.of("checkout-otel", "evil-otel")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(b + "/b"))
                        .header(ScopeHeaders.BAGGAGE, "chaos.scope=" + name).build();
                report("raw-baggage-" + name, http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            }
            // inbound precedence: OpenTelemetry's extracted baggage before the raw header (when it propagates)
            try (Scope extracted = Baggage.current().toBuilder().put(ScopeHeaders.BAGGAGE_KEY, "checkout-extracted")
                    .build().makeCurrent()) {
                System.out.println("precedence " + ScopeTravel.requested(null, List.of("chaos.scope=checkout-raw"))
                        + " header-first " + ScopeTravel.requested("checkout-header", List.of()));
            }
            System.out.println("done internalErrors=" + InternalErrors.count() + " monkeyInternalErrors="
                    + monkey.internalErrors());
        }
    }

    private static void report(String name, String body) {
        System.out.println("case " + name + " " + body);
    }

    @Bean
    SecurityFilterChain openToEveryone(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).csrf(c -> c.disable());
        return http.build();
    }

    /** Service B: what its request saw. */
    @RestController
    static class ServiceB {
        private final JdbcTemplate jdbc;

        ServiceB(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/b")
        String b(@RequestHeader HttpHeaders headers) {
            ChaosScope scope = ChaosScope.current();
            List<String> baggage = headers.getOrEmpty(ScopeHeaders.BAGGAGE);
            long entries = baggage.stream().flatMap(v -> List.of(v.split(",")).stream())
                    .filter(m -> m.split("=", 2)[0].trim().equals(ScopeHeaders.BAGGAGE_KEY)).count();
            boolean tenant = baggage.stream().anyMatch(v -> v.contains("tenant=acme"));
            String db;
            try {
                jdbc.queryForObject("select 1", Integer.class);
                db = "ok";
            } catch (DataAccessException e) {
                db = String.valueOf(e.getMostSpecificCause().getMessage()).contains("scoped db down") ? "fault"
                        : "error:" + e;
            }
            String extracted = Baggage.current().getEntryValue(ScopeHeaders.BAGGAGE_KEY);
            return "scope=" + (scope == null ? "none" : scope.name())
                    + " otel=" + (extracted == null ? "none" : extracted)
                    + " header=" + (headers.getFirst(ScopeHeaders.HEADER) == null ? "none"
                            : headers.getFirst(ScopeHeaders.HEADER))
                    + " baggageHeaders=" + baggage.size() + " chaosEntries=" + entries + " tenant=" + tenant
                    + " db=" + db;
        }
    }
}
