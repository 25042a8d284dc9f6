package dev.chaosmonkey.samples.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;

/**
 * Stock levels with resilience: each call to the inventory service runs on the {@code inventory-pool} executor under
 * a time limiter, inside a bulkhead, a circuit breaker and a retry (outermost), all named {@code inventory} and
 * configured under {@code resilience4j.*} in {@code application.yml}. When the protected call fails (errors, timeouts,
 * an open breaker, a full bulkhead) the last level seen for the SKU answers ({@link StockAnswer#CACHE}); without one
 * the call fails with {@link InventoryUnavailableException}.
 */
public class InventoryService {
    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

    private final InventoryClient client;
    private final Executor executor;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Bulkhead bulkhead;
    private final Clock clock;
    private final Map<String, StockAnswer> cache = new ConcurrentHashMap<>();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile boolean degraded;

    /** The service over {@code client}, with the named Resilience4j components. */
    public InventoryService(InventoryClient client, Executor executor, Retry retry, CircuitBreaker breaker,
            TimeLimiter timeLimiter, Bulkhead bulkhead, Clock clock) {
        this.client = client;
        this.executor = executor;
        this.retry = retry;
        this.breaker = breaker;
        this.timeLimiter = timeLimiter;
        this.bulkhead = bulkhead;
        this.clock = clock;
    }

    /** The stock of {@code sku}: live, or from the cache when the inventory service cannot answer. */
    public StockAnswer stock(String sku) {
        Callable<StockLevel> remote = () -> timeLimiter.executeFutureSupplier(
                () -> CompletableFuture.supplyAsync(() -> client.fetch(sku), executor));
        Callable<StockLevel> protectedCall = Retry.decorateCallable(retry,
                CircuitBreaker.decorateCallable(breaker, Bulkhead.decorateCallable(bulkhead, remote)));
        StockLevel level;
        try {
            level = protectedCall.call();
        } catch (UnknownSkuException e) {
            throw e;
        } catch (Exception e) {
            return fallback(sku, e);
        }
        StockAnswer answer = new StockAnswer(sku, level.available(), StockAnswer.LIVE, Instant.now(clock));
        cache.put(sku, answer);
        if (degraded) {
            degraded = false;
            log.info("inventory service answers again; live stock levels");
        }
        return answer;
    }

    private StockAnswer fallback(String sku, Exception failure) {
        if (!degraded) {
            degraded = true;
            log.warn("inventory service failing ({}); answering from cached stock", failure.toString());
        }
        StockAnswer cached = cache.get(sku);
        if (cached == null) {
            throw new InventoryUnavailableException(sku, failure);
        }
        fallbacks.incrementAndGet();
        return new StockAnswer(sku, cached.available(), StockAnswer.CACHE, cached.asOf());
    }

    /** Answers served from the cache so far. */
    public long fallbackCount() {
        return fallbacks.get();
    }

    /** SKUs with a cached level. */
    public int cachedSkus() {
        return cache.size();
    }
}
