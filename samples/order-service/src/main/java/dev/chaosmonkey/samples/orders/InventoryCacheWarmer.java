package dev.chaosmonkey.samples.orders;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Fills the cached-stock fallback for {@code orders.inventory.warm-skus} at start-up, so that an inventory outage right
 * after a restart still has levels to answer from. The first calls of a fresh JVM are slow (class loading, JIT), so a
 * few may be cut by the time limiter: they are retried here, and the breaker starts clean afterwards.
 */
@Component
public class InventoryCacheWarmer implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(InventoryCacheWarmer.class);
    private static final int ATTEMPTS = 20;

    private final InventoryService inventory;
    private final CircuitBreakerRegistry breakers;
    private final List<String> skus;

    /** Warms {@code skus}. */
    public InventoryCacheWarmer(InventoryService inventory, CircuitBreakerRegistry breakers,
            @Value("${orders.inventory.warm-skus:sku-1,sku-2,sku-3}") List<String> skus) {
        this.inventory = inventory;
        this.breakers = breakers;
        this.skus = skus;
    }

    @Override
    public void run(ApplicationArguments args) {
        int warmed = 0;
        for (String sku : skus) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    if (!inventory.stock(sku).fromCache()) {
                        warmed++;
                        break;
                    }
                } catch (RuntimeException e) {
                    // no cached level yet: try again
                }
            }
        }
        breakers.circuitBreaker(OrderServiceConfiguration.INVENTORY).reset();
        if (warmed < skus.size()) {
            log.warn("stock cache warmed for {} of {} SKUs; the others fill on first use", warmed, skus.size());
        } else {
            log.info("stock cache warmed for {} SKUs", warmed);
        }
    }
}
