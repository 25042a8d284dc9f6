package dev.chaosmonkey.junit.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * A small service for the experiments: asks a remote inventory service (WireMock on loopback, over the JDK
 * HttpClient) for stock, through a Resilience4j Retry around a CircuitBreaker, caches answers in H2 over JDBC and
 * falls back to the cache when the remote call fails. Chaos enters through custom points
 * ({@code custom name=inventory}, {@code custom name=stock-cache}) and a manually decided method point
 * ({@code method class=...InventoryService method=fetchRemote}): no agent needed.
 */
public final class InventoryService {
    /** Custom point checked before each remote call. */
    public static final String INVENTORY_POINT = "inventory";
    /** Custom point checked before each cache (database) access. */
    public static final String CACHE_POINT = "stock-cache";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI baseUri;
    private final Connection db;
    private final CircuitBreaker breaker;
    private final Retry retry;

    /** Creates the service and its cache table. */
    public InventoryService(URI baseUri, Connection db, CircuitBreaker breaker, Retry retry) throws SQLException {
        this.baseUri = baseUri;
        this.db = db;
        this.breaker = breaker;
        this.retry = retry;
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS stock_cache (sku VARCHAR(64) PRIMARY KEY, quantity INT NOT NULL)");
        }
    }

    /** Stock of {@code sku}: from the remote service, or from the cache when it fails. */
    public StockAnswer stock(String sku) {
        Supplier<Integer> remote = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, () -> fetchRemote(sku)));
        try {
            int quantity = remote.get();
            saveToCache(sku, quantity);
            return new StockAnswer(sku, quantity, false);
        } catch (CallNotPermittedException | UncheckedIOException e) {
            return new StockAnswer(sku, readFromCache(sku), true);
        }
    }

    /** Stock of {@code sku} straight from the remote service, without resilience (for comparison). */
    public int stockWithoutResilience(String sku) {
        return fetchRemote(sku);
    }

    private int fetchRemote(String sku) {
        try {
            // inside the try: an injected java.net.ConnectException is handled like a real transport failure
            ChaosMonkey.global().check(INVENTORY_POINT);
            // the no-agent "method" point: decided manually where a woven advice would decide
            Injection injection = ChaosMonkey.global().decideMethod(InventoryService.class.getName(), "fetchRemote");
            if (injection != null) {
                injection.perform(InventoryService.class.getClassLoader());
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/stock/" + sku))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("inventory answered HTTP " + response.statusCode());
            }
            return Integer.parseInt(response.body().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized void saveToCache(String sku, int quantity) {
        ChaosMonkey.global().check(CACHE_POINT);
        try (PreparedStatement ps = db.prepareStatement("MERGE INTO stock_cache (sku, quantity) VALUES (?, ?)")) {
            ps.setString(1, sku);
            ps.setInt(2, quantity);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cache stock of " + sku, e);
        }
    }

    private synchronized int readFromCache(String sku) {
        ChaosMonkey.global().check(CACHE_POINT);
        try (PreparedStatement ps = db.prepareStatement("SELECT quantity FROM stock_cache WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no cached stock for " + sku);
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read cached stock of " + sku, e);
        }
    }
}
