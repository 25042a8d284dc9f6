package dev.chaosmonkey.samples.orders;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An order event waiting for (or past) delivery to Kafka. It is written in the transaction that stores the order, so
 * an order never exists without its event, and {@link OutboxRelay} publishes it when the broker answers.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String eventKey;
    @Column(nullable = false, length = 1000)
    private String payload;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant publishedAt;

    protected OutboxEvent() {
    }

    OutboxEvent(String eventKey, String payload, Instant createdAt) {
        this.eventKey = eventKey;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    /** The generated id; also the publication order. */
    public Long getId() {
        return id;
    }

    /** The Kafka record key (the order id). */
    public String getEventKey() {
        return eventKey;
    }

    /** The JSON payload. */
    public String getPayload() {
        return payload;
    }

    /** When the event was written. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the broker acknowledged it, or {@code null} while it waits. */
    public Instant getPublishedAt() {
        return publishedAt;
    }

    void published(Instant at) {
        publishedAt = at;
    }
}
