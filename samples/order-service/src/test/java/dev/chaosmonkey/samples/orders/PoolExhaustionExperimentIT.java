package dev.chaosmonkey.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.StandardScenario;

/**
 * Connection-pool exhaustion: a resource fault borrows and holds every connection of the service's HikariCP pool
 * ({@code orders-db}, 4 connections). New requests wait no longer than the pool's 250 ms connection timeout and answer
 * 503 "database connection pool exhausted"; {@code /actuator/health} reports the database DOWN; once the connections
 * are released, requests and health are back.
 */
class PoolExhaustionExperimentIT extends OrderServiceExperimentSupport {

    @Test
    @StandardScenario
    @Slo(maxErrorRate = 1.0, minAvailability = 0.0)
    @ChaosExperiment(scope = FaultScope.GLOBAL,
            hypothesis = "With the pool exhausted, requests fail fast with a clear error, health says so,"
            + " and both recover when the connections come back", probe = "orderLookup", baseline = "500ms",
            sampleInterval = "50ms", recoveryTimeout = "20s")
    void exhaustedPoolFailsFastHealthReportsItAndRecovers(ChaosControl chaos) throws Exception {
        String id = chaos.arm("resource -> connections(datasource=" + OrderServiceConfiguration.DATA_SOURCE_TARGET
                + ", count=4) for=1m");
        await("every pooled connection held").atMost(Duration.ofSeconds(20)).until(() -> held(chaos, id) == 4);

        long start = System.nanoTime();
        HttpResponse<String> lookup = get("/orders/" + existingOrder);
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(lookup.statusCode()).isEqualTo(503);
        assertThat(lookup.body()).contains(ApiErrorHandler.POOL_EXHAUSTED);
        // bounded by the pool's connection timeout (250 ms), with room for a loaded machine
        assertThat(elapsedMs).isGreaterThanOrEqualTo(200).isLessThan(2_000);

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).containsPattern("\"db\":\\{\"details\":\\{[^}]*},\"status\":\"DOWN\"");

        chaos.disarm(id);
        Duration recovery = chaos.awaitRecovery();
        assertThat(recovery).isLessThan(Duration.ofSeconds(10));
        assertThat(get("/orders/" + existingOrder).statusCode()).isEqualTo(200);
        await("health UP again").atMost(Duration.ofSeconds(10))
                .until(() -> get("/actuator/health").statusCode() == 200);
        // the outbox relay borrows a connection every 100 ms: wait for a moment with none borrowed
        await("every connection back in the pool").atMost(Duration.ofSeconds(10))
                .until(() -> pool().getHikariPoolMXBean().getActiveConnections() == 0);
    }

    private static long held(ChaosControl chaos, String id) {
        RuleInfo rule = chaos.monkey().rule(id).orElseThrow();
        return rule.getHoldings().getOrDefault("connectionsHeld", 0L);
    }
}
