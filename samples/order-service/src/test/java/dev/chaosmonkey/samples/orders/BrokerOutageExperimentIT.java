package dev.chaosmonkey.samples.orders;

import static dev.chaosmonkey.junit.ExperimentResultAssert.assertThatExperiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.SteadyStateProbe;
import dev.chaosmonkey.junit.SmokeScenario;

/**
 * Broker outage: every send to {@code order-events} fails as a broker failure would (through the agent: the
 * producer's future fails with a {@code NetworkException}). Orders are still accepted, their events wait in the
 * outbox, and after the broker is back every one of them reaches the topic: counted by a real consumer, no loss.
 */
class BrokerOutageExperimentIT extends OrderServiceExperimentSupport {
    private final AtomicLong peakPending = new AtomicLong();
    private long failuresBefore;

    @BeforeEach
    void countBefore() {
        failuresBefore = relay.failureCount();
    }

    /** {@code placeOrder}, also noting how many events wait in the outbox. */
    @SteadyStateProbe
    ProbeOutcome placeOrderWatchingTheOutbox() throws Exception {
        ProbeOutcome outcome = placeOrder();
        peakPending.accumulateAndGet(relay.pendingCount(), Math::max);
        return outcome;
    }

    @Test
    @SmokeScenario
    @ChaosExperiment(scope = FaultScope.GLOBAL,
            hypothesis = "While the broker is away orders are accepted and their events queue in the"
            + " outbox; after recovery every event is delivered", probe = "placeOrderWatchingTheOutbox", baseline = "500ms",
            sampleInterval = "50ms", faultWindow = "1500ms", recoveryTimeout = "20s")
    @Fault("kafka topic=order-events -> exception(org.apache.kafka.common.errors.NetworkException,"
            + " \"broker unreachable\")")
    void eventsQueueLocallyAndAreAllDeliveredAfterRecovery(ChaosControl chaos) {
        assertThat(relay.failureCount()).as("relay polls that failed").isGreaterThan(failuresBefore);
        assertThat(peakPending.get()).as("events waiting in the outbox at the worst moment").isPositive();
        assertThatExperiment(chaos.result()).injectedAtLeast(1).hasFaultWindowErrorRateAtMost(0.0);

        List<Long> placed = List.copyOf(placedOrders);
        assertThat(placed).as("orders placed by the probe").hasSizeGreaterThan(10);
        Set<String> expected = new HashSet<>();
        placed.forEach(id -> expected.add(String.valueOf(id)));

        Set<String> delivered = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(EmbeddedInfrastructure.ORDER_EVENTS_TOPIC)
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("every order event on the topic").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    delivered.add(r.key());
                }
                return delivered.containsAll(expected);
            });
        }
        await("outbox drained").atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(delivered).containsAll(expected);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-outage-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }

}
