package dev.chaosmonkey.spring.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

/** Inventory over RestClient, guarded by Resilience4j's Spring Boot annotations; the fallback serves a cached answer. */
@Service
public class InventoryClient {
    private final RestClient client;

    public InventoryClient(RestClient.Builder builder, @Value("${inventory.url}") String url) {
        this.client = builder.baseUrl(url).build();
    }

    @Retry(name = "inventory")
    @CircuitBreaker(name = "inventory", fallbackMethod = "cached")
    public String stock(String sku) {
        return client.get().uri("/inventory/{sku}", sku).retrieve().body(String.class);
    }

    String cached(String sku, Throwable failure) {
        return "cached:" + sku;
    }
}
