package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.chaosmonkey.core.ChaosMonkey;

/** Kafka producer faults through the packaged agent against a real in-process broker. */
class KafkaProducerIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, "orders", "audit");
        broker.afterPropertiesSet();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void stop() {
        producer.close(Duration.ofSeconds(5));
        broker.destroy();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    private static RecordMetadata sendAndWait(String topic) throws Exception {
        return producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
    }

    @Test
    void brokerSideFailureFailsTheFutureAndCallsTheCallback() throws Exception {
        String id = MONKEY.arm("kafka topic=orders -> exception");
        AtomicReference<Exception> callbackError = new AtomicReference<>();
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("orders", "k", "v"),
                (metadata, error) -> callbackError.set(error));
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NetworkException.class);
        assertThat(callbackError.get()).isInstanceOf(NetworkException.class);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(1);

        // other topics are untouched, and disarming restores sends
        assertThat(sendAndWait("audit").topic()).isEqualTo("audit");
        MONKEY.disarm(id);
        assertThat(sendAndWait("orders").offset()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void timeoutBlocksThenFailsWithKafkaTimeout() {
        MONKEY.arm("kafka topic=orders key=present -> timeout(100ms)");
        long start = System.nanoTime();
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("orders", "k", "v"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void nonApiExceptionsAreThrownFromSend() {
        MONKEY.arm("kafka -> exception(org.apache.kafka.common.KafkaException, \"producer fenced\")");
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "k", "v")))
                .isInstanceOf(KafkaException.class).hasMessage("producer fenced");
    }

    @Test
    void delayThenRealSend() throws Exception {
        String id = MONKEY.arm("kafka topic=audit -> delay(150ms)");
        long start = System.nanoTime();
        assertThat(sendAndWait("audit").topic()).isEqualTo("audit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(1);
    }

    @Test
    void probabilityOverManySends() throws Exception {
        String id = MONKEY.arm("kafka topic=audit key=absent -> exception p=0.5 seed=3");
        int failed = 0;
        for (int i = 0; i < 100; i++) {
            Future<RecordMetadata> f = producer.send(new ProducerRecord<>("audit", null, "v" + i));
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(NetworkException.class);
                failed++;
            }
        }
        assertThat(failed).isBetween(25, 75);
        assertThat(MONKEY.rule(id).orElseThrow().getMatched()).isEqualTo(100);
    }
}
