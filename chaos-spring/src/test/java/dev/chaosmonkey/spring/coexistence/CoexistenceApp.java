package dev.chaosmonkey.spring.coexistence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.spring.internal.AgentPresence;
import dev.chaosmonkey.spring.internal.ChaosWrapped;
import dev.chaosmonkey.spring.internal.InternalErrors;

/**
 * A Spring Boot application run in a separate JVM by {@code AgentCoexistenceIT}, with and without the chaos agent:
 * it arms dry-run rules on the jdbc, http and method points, makes {@value #CALLS} logical calls on each (JdbcTemplate
 * through HikariCP on H2, RestClient over the JDK HttpClient and WebClient over Reactor Netty to WireMock on 127.0.0.1,
 * a @Service method) and prints
 * how many decisions each rule counted.
 */
@SpringBootApplication
public class CoexistenceApp {
    static final int CALLS = 5;

    public static void main(String[] args) throws Exception {
        WireMockServer wiremock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wiremock.start();
        wiremock.stubFor(get(urlPathEqualTo("/ping")).willReturn(aResponse().withBody("pong")));
        wiremock.stubFor(get(urlPathEqualTo("/ping-web")).willReturn(aResponse().withBody("pong")));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CoexistenceApp.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=jdbc:h2:mem:coexistence;DB_CLOSE_DELAY=-1",
                        "spring.jpa.hibernate.ddl-auto=none", "chaos.enabled=true",
                        "chaos.method.targets[0]=dev.chaosmonkey.spring.coexistence.LedgerService",
                        "spring.main.banner-mode=off")
                .run(args)) {
            ChaosMonkey monkey = ctx.getBean(ChaosMonkey.class);
            List<String> ids = monkey.armAll(List.of(
                    dev.chaosmonkey.core.FaultSpec.parse("jdbc sql~\"(?i)select 42\" -> exception dry-run"),
                    dev.chaosmonkey.core.FaultSpec.parse("http path=/ping -> status(503) dry-run"),
                    dev.chaosmonkey.core.FaultSpec.parse(
                            "method class=dev.chaosmonkey.spring.coexistence.LedgerService method=book -> exception"
                                    + " dry-run"),
                    dev.chaosmonkey.core.FaultSpec.parse("http path=/ping-web -> status(503) dry-run")));
            JdbcTemplate jdbc = new JdbcTemplate(ctx.getBean(DataSource.class));
            RestClient http = ctx.getBean(RestClient.Builder.class)
                    .requestFactory(new JdkClientHttpRequestFactory())
                    .baseUrl("http://127.0.0.1:" + wiremock.port()).build();
            // WebClient over Reactor Netty (Boot's default connector): the starter's filter decides, the agent's
            // Reactor Netty advice sees the filter's mark in the Reactor context and does not decide again
            WebClient web = ctx.getBean(WebClient.Builder.class).baseUrl("http://127.0.0.1:" + wiremock.port())
                    .build();
            LedgerService ledger = ctx.getBean(LedgerService.class);
            for (int i = 0; i < CALLS; i++) {
                jdbc.queryForObject("select 42", Integer.class);
                http.get().uri("/ping").retrieve().body(String.class);
                ledger.book(i);
                web.get().uri("/ping-web").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
            }
            System.out.println("coexistence agent=" + AgentPresence.isAttached()
                    + " dataSourceWrapped=" + (ctx.getBean(DataSource.class) instanceof ChaosWrapped)
                    + " jdbc=" + monkey.rule(ids.get(0)).orElseThrow().getMatched()
                    + " http=" + monkey.rule(ids.get(1)).orElseThrow().getMatched()
                    + " method=" + monkey.rule(ids.get(2)).orElseThrow().getMatched()
                    + " webclient=" + monkey.rule(ids.get(3)).orElseThrow().getMatched()
                    + " internalErrors=" + InternalErrors.count());
        } finally {
            wiremock.stop();
        }
    }
}
