package dev.chaosmonkey.samples.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events to Kafka in order, one at a time, and marks each published once the broker acknowledged
 * it. While the broker (or the database) fails, events stay in the outbox and the next poll tries again from the
 * oldest: at-least-once delivery, keyed by order id so consumers can drop duplicates.
 */
public class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxEventRepository outbox;
    private final Producer<String, String> producer;
    private final TransactionTemplate transactions;
    private final String topic;
    private final Duration sendTimeout;
    private final Clock clock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long pending;
    private volatile String lastError;
    private volatile boolean failing;

    /** A relay to {@code topic}. */
    public OutboxRelay(OutboxEventRepository outbox, Producer<String, String> producer,
            TransactionTemplate transactions, String topic, Duration sendTimeout, Clock clock) {
        this.outbox = outbox;
        this.producer = producer;
        this.transactions = transactions;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
    }

    /** One poll: publish what waits, stop at the first failure. */
    @Scheduled(fixedDelayString = "${orders.outbox.poll-interval:100ms}")
    public void publishPending() {
        try {
            List<OutboxEvent> batch = outbox.findTop50ByPublishedAtIsNullOrderByIdAsc();
            for (OutboxEvent event : batch) {
                publish(event);
            }
            pending = outbox.countByPublishedAtIsNull();
            recovered();
        } catch (Exception e) {
            failures.incrementAndGet();
            failed(e);
            countPendingQuietly();
        }
    }

    /** While the broker is away the database may still answer: keep the pending count (and its gauge) current. */
    private void countPendingQuietly() {
        try {
            pending = outbox.countByPublishedAtIsNull();
        } catch (RuntimeException ignored) {
            // the database is down too: the last count stays
        }
    }

    private void publish(OutboxEvent event) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        producer.send(new ProducerRecord<>(topic, event.getEventKey(), event.getPayload()))
                .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Instant now = Instant.now(clock);
        event.published(now);
        transactions.executeWithoutResult(status -> outbox.save(event));
        published.incrementAndGet();
    }

    private void failed(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        lastError = cause.toString();
        if (!failing) {
            failing = true;
            log.warn("outbox relay cannot publish ({}); events wait in the outbox", lastError);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("outbox relay publishes again; {} events waiting", pending);
        }
    }

    /** Events acknowledged by the broker since start. */
    public long publishedCount() {
        return published.get();
    }

    /** Polls that failed since start. */
    public long failureCount() {
        return failures.get();
    }

    /** Events waiting in the outbox at the end of the last poll that could count them. */
    public long pendingCount() {
        return pending;
    }

    /** True while the last poll failed. */
    public boolean isFailing() {
        return failing;
    }

    /** The last failure, or {@code null}. */
    public String lastError() {
        return lastError;
    }
}
