package dev.chaosmonkey.samples.orders;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Places one order for {@code sku-1} every {@code orders.traffic.interval} (off unless set), so that an experiment
 * run from outside with read-only probes still has orders, and therefore events, flowing: the broker-outage
 * experiment file needs it ({@code --orders.traffic.interval=200ms}). Failures are counted, not logged per order.
 */
@Component
@ConditionalOnProperty("orders.traffic.interval")
public class SyntheticTraffic {
    private static final Logger log = LoggerFactory.getLogger(SyntheticTraffic.class);

    private final OrderService orders;
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean failing;

    /** Traffic through {@code orders}. */
    public SyntheticTraffic(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${orders.traffic.interval}")
    void placeOne() {
        try {
            orders.place("sku-1", 1);
            placed.incrementAndGet();
            if (failing) {
                failing = false;
                log.info("synthetic orders succeed again ({} placed, {} failed so far)", placed.get(), failed.get());
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            if (!failing) {
                failing = true;
                log.warn("synthetic orders failing: {}", e.toString());
            }
        }
    }
}
