package dev.chaosmonkey.samples.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The service's dependencies, in-process and on 127.0.0.1: PostgreSQL 14 (embedded; H2 in PostgreSQL mode when it
 * cannot start, e.g. no native binaries for the platform), the inventory service (a WireMock stub) and a Kafka broker
 * (KRaft, one node). The three start in parallel: together they are most of the service's start-up time.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {
    /** The topic order events are published to. */
    public static final String ORDER_EVENTS_TOPIC = "order-events";
    /** Stock the inventory stub reports, per SKU. */
    public static final Map<String, Integer> STOCK = Map.of("sku-1", 42, "sku-2", 7, "sku-3", 0);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final String databaseKind;
    private final WireMockServer inventory;
    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedInfrastructure(Database database, WireMockServer inventory, EmbeddedKafkaKraftBroker broker) {
        this.postgres = database.postgres;
        this.jdbcUrl = database.jdbcUrl;
        this.databaseKind = database.kind;
        this.inventory = inventory;
        this.broker = broker;
    }

    /** Starts all three dependencies; on any failure stops what started and rethrows. */
    public static EmbeddedInfrastructure start() {
        long start = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "embedded-infrastructure-start");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<Database> db = CompletableFuture.supplyAsync(EmbeddedInfrastructure::startDatabase,
                    starter);
            CompletableFuture<WireMockServer> stub = CompletableFuture.supplyAsync(
                    EmbeddedInfrastructure::startInventoryStub, starter);
            CompletableFuture<EmbeddedKafkaKraftBroker> kafka = CompletableFuture.supplyAsync(
                    EmbeddedInfrastructure::startBroker, starter);
            try {
                CompletableFuture.allOf(db, stub, kafka).join();
            } catch (RuntimeException e) {
                db.thenAccept(Database::close);
                stub.thenAccept(WireMockServer::stop);
                kafka.thenAccept(EmbeddedKafkaKraftBroker::destroy);
                throw new IllegalStateException("embedded infrastructure did not start: " + e.getMessage(), e);
            }
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(db.join(), stub.join(), kafka.join());
            log.info("embedded infrastructure up in {} ms: database {} ({}), inventory {}, kafka {}",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), infrastructure.databaseKind,
                    infrastructure.jdbcUrl, infrastructure.inventoryBaseUrl(), infrastructure.kafkaBootstrapServers());
            return infrastructure;
        } finally {
            starter.shutdown();
        }
    }

    private static Database startDatabase() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new Database(pg, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgresql");
        } catch (Exception | LinkageError e) {
            log.warn("embedded PostgreSQL did not start ({}); falling back to H2 in PostgreSQL mode", e.toString());
            return new Database(null, "jdbc:h2:mem:orders;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "h2");
        }
    }

    private static WireMockServer startInventoryStub() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().disableRequestJournal().containerThreads(16));
        server.start();
        server.stubFor(get(urlPathMatching("/api/inventory/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"unknown sku\"}")));
        STOCK.forEach((sku, available) -> server.stubFor(get(urlPathEqualTo("/api/inventory/" + sku)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"sku\":\"" + sku + "\",\"available\":" + available + "}"))));
        return server;
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, ORDER_EVENTS_TOPIC);
        broker.afterPropertiesSet();
        return broker;
    }

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** {@code postgresql} or {@code h2}. */
    public String databaseKind() {
        return databaseKind;
    }

    /** Base URL of the inventory stub, e.g. {@code http://127.0.0.1:41234}. */
    public String inventoryBaseUrl() {
        return "http://127.0.0.1:" + inventory.port();
    }

    /** The broker's bootstrap servers. */
    public String kafkaBootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Spring properties that point the service at these dependencies. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", "postgresql".equals(databaseKind) ? "postgres" : "sa");
        p.put("spring.datasource.password", "");
        p.put("orders.database-kind", databaseKind);
        p.put("orders.inventory.base-url", inventoryBaseUrl());
        p.put("orders.kafka.bootstrap-servers", kafkaBootstrapServers());
        return p;
    }

    @Override
    public void close() {
        try {
            broker.destroy();
        } catch (RuntimeException e) {
            log.warn("stopping the Kafka broker failed: {}", e.toString());
        }
        inventory.stop();
        new Database(postgres, jdbcUrl, databaseKind).close();
    }

    private record Database(EmbeddedPostgres postgres, String jdbcUrl, String kind) {
        void close() {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (Exception e) {
                    log.warn("stopping embedded PostgreSQL failed: {}", e.toString());
                }
            }
        }
    }
}
