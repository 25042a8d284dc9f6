package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.chaosmonkey.core.ChaosMonkey;

/** Kafka consumer {@code poll} faults through the packaged agent against a real in-process broker. */
class KafkaConsumerIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, String> producer;
    private static KafkaConsumer<String, String> consumer;
    private static long internalErrorsBefore;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "payments");
        broker.afterPropertiesSet();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-consumer-it");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of("payments"));
        internalErrorsBefore = AgentInternalErrors.count();
    }

    @AfterAll
    static void stop() {
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
        broker.destroy();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        assertThat(AgentInternalErrors.count()).isEqualTo(internalErrorsBefore);
    }

    private static List<String> pollUntil(int count) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                values.add(r.value());
            }
            return values.size() >= count;
        });
        return values;
    }

    @Test
    void pollThrowsTheInjectedFailureThenConsumesAfterDisarm() throws Exception {
        producer.send(new ProducerRecord<>("payments", "k", "p1")).get(30, TimeUnit.SECONDS);
        String id = MONKEY.arm("kafka topic=payments -> exception");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(100))).isInstanceOf(NetworkException.class)
                    .hasMessageContaining(id);
        }
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(3);
        MONKEY.disarm(id);

        // other topics' rules leave this consumer alone; the record was not lost by the failed polls
        MONKEY.arm("kafka topic=orders -> exception");
        assertThat(pollUntil(1)).contains("p1");
    }

    @Test
    void anyKafkaExceptionAndDelayHoldingThePoll() throws Exception {
        MONKEY.arm("kafka topic=pay* -> exception(org.apache.kafka.common.KafkaException, \"poison pill\")");
        assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(100))).isExactlyInstanceOf(KafkaException.class)
                .hasMessageStartingWith("poison pill");
        MONKEY.disarmAll();

        // sent before arming: producer sends and consumer polls share the kafka point
        producer.send(new ProducerRecord<>("payments", "k", "p2")).get(30, TimeUnit.SECONDS);
        String id = MONKEY.arm("kafka topic=payments -> delay(300ms)");
        long start = System.nanoTime();
        consumer.poll(Duration.ofMillis(50));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);
        MONKEY.disarm(id);
        pollUntil(0);
    }
}
