package dev.chaosmonkey.samples.orders;

import java.time.Instant;

/**
 * A stock level as the service answers it: {@code source} is {@code live} when the inventory service answered now,
 * {@code cache} when the fallback served the last level it saw (at {@code asOf}).
 */
public record StockAnswer(String sku, int available, String source, Instant asOf) {
    /** Answered by the inventory service. */
    public static final String LIVE = "live";
    /** Answered by the cached-stock fallback. */
    public static final String CACHE = "cache";

    /** True when the fallback answered. */
    public boolean fromCache() {
        return CACHE.equals(source);
    }
}
