package dev.chaosmonkey.spring.app;

import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/** Publishes order events with KafkaTemplate. */
@Service
public class OrderEvents {
    private final KafkaTemplate<String, String> kafka;

    public OrderEvents(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    public CompletableFuture<SendResult<String, String>> placed(String orderId) {
        return kafka.send("orders", orderId, "placed " + orderId);
    }
}
