package dev.chaosmonkey.samples.orders;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.chaosmonkey.core.resource.ResourceTargets;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The service's beans. Timeouts are short on purpose: a request should fail in well under a second. Chaos comes
 * from chaos-spring (its {@code ChaosMetrics} meter binder, the {@code chaos} endpoint, wrapping of the data source,
 * the {@code RestClient.Builder} and the producer factory when the agent is absent) and from the agent.
 */
@Configuration(proxyBeanMethods = false)
public class OrderServiceConfiguration {
    /** Name of the Resilience4j instances around the inventory service. */
    public static final String INVENTORY = "inventory";
    /** Name the data source is registered under for {@code resource -> connections(datasource=orders-db)}. */
    public static final String DATA_SOURCE_TARGET = "orders-db";
    /** Name the inventory executor is registered under for {@code resource -> threads(executor=inventory-pool)}. */
    public static final String INVENTORY_POOL_TARGET = "inventory-pool";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor inventoryExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(32), r -> {
                    Thread t = new Thread(r, "inventory-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ResourceTargets.registerExecutor(INVENTORY_POOL_TARGET, executor);
        return executor;
    }

    @Bean
    InventoryClient inventoryClient(RestClient.Builder builder,
            @Value("${orders.inventory.base-url}") String baseUrl,
            @Value("${orders.inventory.connect-timeout:500ms}") Duration connectTimeout,
            @Value("${orders.inventory.read-timeout:1s}") Duration readTimeout) {
        // the JDK HttpClient: java.net.http is what the chaos agent weaves for the http point
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(connectTimeout).build());
        requests.setReadTimeout(readTimeout);
        return new InventoryClient(builder.baseUrl(baseUrl).requestFactory(requests).build());
    }

    @Bean
    InventoryService inventoryService(InventoryClient client, ThreadPoolExecutor inventoryExecutor,
            RetryRegistry retries, CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters,
            BulkheadRegistry bulkheads, Clock clock) {
        return new InventoryService(client, inventoryExecutor, retries.retry(INVENTORY),
                breakers.circuitBreaker(INVENTORY), timeLimiters.timeLimiter(INVENTORY), bulkheads.bulkhead(INVENTORY),
                clock);
    }

    @Bean
    OrderService orderService(InventoryService inventory, PurchaseOrderRepository orders,
            OutboxEventRepository outbox, TransactionTemplate transactions, Clock clock) {
        return new OrderService(inventory, orders, outbox, transactions, clock);
    }

    /** A Spring {@link ProducerFactory}, so that chaos-spring reaches the producer when the agent is absent. */
    @Bean
    ProducerFactory<String, String> orderEventsProducerFactory(
            @Value("${orders.kafka.bootstrap-servers}") String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new DefaultKafkaProducerFactory<>(p);
    }

    /** The factory's shared producer; the factory closes it with the context. */
    @Bean(destroyMethod = "")
    Producer<String, String> orderEventsProducer(ProducerFactory<String, String> factory) {
        return factory.createProducer();
    }

    @Bean
    OutboxRelay outboxRelay(OutboxEventRepository outbox, Producer<String, String> producer,
            TransactionTemplate transactions, @Value("${orders.outbox.send-timeout:5s}") Duration sendTimeout,
            Clock clock) {
        return new OutboxRelay(outbox, producer, transactions, EmbeddedInfrastructure.ORDER_EVENTS_TOPIC,
                sendTimeout, clock);
    }

    @Bean(destroyMethod = "close")
    ResourceTargets.Registration orderDatabaseTarget(DataSource dataSource) {
        return ResourceTargets.register(DATA_SOURCE_TARGET, dataSource);
    }

    @Bean
    MeterBinder orderServiceMetrics(OutboxRelay relay, InventoryService inventory) {
        return registry -> bind(registry, relay, inventory);
    }

    private static void bind(MeterRegistry registry, OutboxRelay relay, InventoryService inventory) {
        Gauge.builder("orders.outbox.pending", relay, OutboxRelay::pendingCount)
                .description("order events waiting for the broker").register(registry);
        Gauge.builder("orders.outbox.published", relay, OutboxRelay::publishedCount)
                .description("order events acknowledged by the broker").register(registry);
        Gauge.builder("orders.inventory.fallbacks", inventory, InventoryService::fallbackCount)
                .description("stock answers served from the cache").register(registry);
    }
}
