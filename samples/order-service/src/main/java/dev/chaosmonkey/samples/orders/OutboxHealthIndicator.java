package dev.chaosmonkey.samples.orders;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code outbox} in {@code /actuator/health}: UP while the relay publishes, UP with {@code delivering: false} and
 * the last error while the broker is away (orders are still accepted: their events wait).
 */
@Component("outbox")
public class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxRelay relay;

    /** Reports on {@code relay}. */
    public OutboxHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("delivering", !relay.isFailing())
                .withDetail("pending", relay.pendingCount())
                .withDetail("published", relay.publishedCount());
        String error = relay.lastError();
        if (relay.isFailing() && error != null) {
            health.withDetail("lastError", error);
        }
        return health.build();
    }
}
