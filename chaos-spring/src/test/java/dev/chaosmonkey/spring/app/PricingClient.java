package dev.chaosmonkey.spring.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/** Prices over WebClient. */
@Service
public class PricingClient {
    private final WebClient client;

    public PricingClient(WebClient.Builder builder, @Value("${inventory.url}") String url) {
        this.client = builder.baseUrl(url).build();
    }

    public Mono<String> price(String sku) {
        return client.get().uri("/price/{sku}", sku).retrieve().bodyToMono(String.class);
    }
}
