package dev.chaosmonkey.junit.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Starts the pieces the experiments run against: WireMock on 127.0.0.1 answering {@code GET /stock/<sku>} with
 * {@code 42}, an in-memory H2 database, and the service's circuit breaker (count window of 4 calls, opens at 50%
 * failures, 500 ms in open state, 2 half-open calls) and retry (3 attempts, 10 ms apart).
 */
public final class ServiceFixture implements AutoCloseable {
    private static final AtomicInteger DB_COUNTER = new AtomicInteger();

    /** The fake inventory service. */
    public final WireMockServer wireMock;
    /** The cache database. */
    public final Connection db;
    /** The breaker around remote calls. */
    public final CircuitBreaker breaker;
    /** The retry around the breaker. */
    public final Retry retry;
    /** The service. */
    public final InventoryService service;

    /** Starts everything. */
    public ServiceFixture() throws SQLException {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlPathMatching("/stock/.*")).willReturn(aResponse().withStatus(200).withBody("42")));
        db = DriverManager.getConnection("jdbc:h2:mem:stock" + DB_COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        breaker = CircuitBreaker.of("inventory", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMillis(500))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        retry = Retry.of("inventory", RetryConfig.custom()
                .maxAttempts(3)
                .waitDuration(Duration.ofMillis(10))
                .retryExceptions(UncheckedIOException.class)
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        service = new InventoryService(URI.create("http://127.0.0.1:" + wireMock.port()), db, breaker, retry);
        // warm the cache so that the fallback has an answer, and the HTTP client and JDBC paths
        for (int i = 0; i < 10; i++) {
            service.stock("sku-1");
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
        wireMock.stop();
    }
}
