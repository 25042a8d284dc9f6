package dev.chaosmonkey.samples.orders;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/** The inventory service's HTTP API: {@code GET /api/inventory/{sku}}. No resilience here: see {@link InventoryService}. */
public class InventoryClient {
    private final RestClient rest;

    /** A client over a configured {@link RestClient} (base URL and timeouts set). */
    public InventoryClient(RestClient rest) {
        this.rest = rest;
    }

    /** The stock level of {@code sku}; {@link UnknownSkuException} on 404, Spring's HTTP exceptions otherwise. */
    public StockLevel fetch(String sku) {
        return rest.get().uri("/api/inventory/{sku}", sku)
                .retrieve()
                .onStatus(status -> status.value() == HttpStatus.NOT_FOUND.value(), (request, response) -> {
                    throw new UnknownSkuException(sku);
                })
                .body(StockLevel.class);
    }
}
