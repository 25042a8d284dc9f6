package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;

/**
 * Under the packaged agent, a scoped fault follows the work its scope submits (executors, ForkJoinPool,
 * CompletableFuture async stages, scheduled executors, FutureTasks, virtual threads on JDK 21+), through real H2 and a real HTTP server on loopback,
 * and never reaches a concurrent caller outside the scope. No {@code ChaosScope.wrap} anywhere: the agent wraps.
 */
class ScopePropagationIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static WireMockServer server;
    private static HttpClient http;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        MONKEY.disarmAll();
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A JDBC query on H2 in memory: true when it failed with the injected fault. */
    private static boolean queryFails() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:scope;DB_CLOSE_DELAY=-1");
                Statement s = c.createStatement()) {
            s.executeQuery("select 1").close();
            return false;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("scoped db down")) {
                return true;
            }
            throw new AssertionError(e);
        }
    }

    /** An HTTP GET with the JDK client: the status code (503 when the scoped status fault fired). */
    private static int httpStatus(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aScopedJdbcFaultReachesWorkSubmittedFromTheScopeAndNoConcurrentUnscopedCaller() throws Exception {
        String id = MONKEY.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                + " \"scoped db down\") scope=checkout-test");
        int rounds = 20;
        AtomicInteger outsideFailures = new AtomicInteger();
        AtomicInteger outsideCalls = new AtomicInteger();
        CountDownLatch insideDone = new CountDownLatch(1);
        // an unscoped caller running the same query at the same time, on the pool the scoped work goes to
        Future<?> outsider = pool.submit(() -> {
            while (insideDone.getCount() > 0 || outsideCalls.get() < rounds) {
                outsideCalls.incrementAndGet();
                if (queryFails()) {
                    outsideFailures.incrementAndGet();
                }
                if (outsideCalls.get() >= 10_000) {
                    break;
                }
            }
        });
        List<Boolean> inside = new ArrayList<>();
        try (ChaosScope scope = MONKEY.openScope("checkout-test")) {
            for (int i = 0; i < rounds; i++) {
                inside.add(pool.submit(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS));
                Callable<Boolean> task = ScopePropagationIT::queryFails;
                inside.add(ForkJoinPool.commonPool().submit(task).get(30, TimeUnit.SECONDS));
                inside.add(CompletableFuture.supplyAsync(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS));
                inside.add(CompletableFuture.supplyAsync(ScopePropagationIT::queryFails, pool)
                        .get(30, TimeUnit.SECONDS));
                boolean[] viaExecute = new boolean[1];
                CountDownLatch ran = new CountDownLatch(1);
                pool.execute(() -> {
                    viaExecute[0] = queryFails();
                    ran.countDown();
                });
                assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
                inside.add(viaExecute[0]);
            }
        } finally {
            insideDone.countDown();
        }
        outsider.get(60, TimeUnit.SECONDS);
        assertThat(inside).hasSize(rounds * 5).containsOnly(true);
        assertThat(outsideCalls.get()).isGreaterThanOrEqualTo(rounds);
        assertThat(outsideFailures.get()).as("an unscoped caller never sees the scoped fault").isZero();
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(rounds * 5L);
        // after the scope: the same submissions run unscoped
        assertThat(pool.submit(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(CompletableFuture.supplyAsync(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS))
                .isFalse();
        assertThat(ChaosBridge.internalErrors()).isZero();
        assertThat(MONKEY.internalErrors()).isZero();
    }

    @Test
    void aScopedHttpFaultFollowsAsyncWorkAndTheJdkClientsSendAsync() throws Exception {
        MONKEY.arm("http path=/stock -> status(503) scope=search-test");
        assertThat(httpStatus("/stock")).isEqualTo(200);
        try (ChaosScope scope = MONKEY.openScope("search-test")) {
            assertThat(httpStatus("/stock")).isEqualTo(503);
            assertThat(pool.submit(() -> httpStatus("/stock")).get(30, TimeUnit.SECONDS)).isEqualTo(503);
            assertThat(CompletableFuture.supplyAsync(() -> httpStatus("/stock")).get(30, TimeUnit.SECONDS))
                    .isEqualTo(503);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stock"))
                    .build();
            int viaSendAsync = pool.submit(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(30, TimeUnit.SECONDS).statusCode()).get(30, TimeUnit.SECONDS);
            assertThat(viaSendAsync).isEqualTo(503);
            try (ChaosScope other = MONKEY.openScope("other-test")) {
                assertThat(pool.submit(() -> httpStatus("/stock")).get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        }
        assertThat(pool.submit(() -> httpStatus("/stock")).get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(ChaosBridge.internalErrors()).isZero();
    }

    @Test
    void scheduledTasksRunInTheScopeOfTheirSubmitterAndAConcurrentUnscopedScheduledTaskNever() throws Exception {
        String id = MONKEY.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                + " \"scoped db down\") scope=schedule-test");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            // an unscoped periodic task on the same scheduler threads, running before, during and after the scope
            AtomicInteger outsideRuns = new AtomicInteger();
            AtomicInteger outsideFailures = new AtomicInteger();
            ScheduledFuture<?> outside = scheduler.scheduleWithFixedDelay(() -> {
                outsideRuns.incrementAndGet();
                if (queryFails()) {
                    outsideFailures.incrementAndGet();
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            Queue<Boolean> atFixedRate = new ConcurrentLinkedQueue<>();
            Queue<Boolean> withFixedDelay = new ConcurrentLinkedQueue<>();
            List<Boolean> inside = new ArrayList<>();
            ScheduledFuture<?> rate;
            ScheduledFuture<?> delay;
            try (ChaosScope scope = MONKEY.openScope("schedule-test")) {
                Callable<Boolean> query = ScopePropagationIT::queryFails;
                inside.add(scheduler.schedule(query, 10, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS));
                boolean[] viaRunnable = new boolean[1];
                scheduler.schedule(() -> {
                    viaRunnable[0] = queryFails();
                }, 10, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
                inside.add(viaRunnable[0]);
                inside.add(scheduler.submit(query).get(30, TimeUnit.SECONDS));
                CountDownLatch ran = new CountDownLatch(1);
                boolean[] viaExecute = new boolean[1];
                scheduler.execute(() -> {
                    viaExecute[0] = queryFails();
                    ran.countDown();
                });
                assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
                inside.add(viaExecute[0]);
                rate = scheduler.scheduleAtFixedRate(() -> atFixedRate.add(queryFails()), 0, 20,
                        TimeUnit.MILLISECONDS);
                delay = scheduler.scheduleWithFixedDelay(() -> withFixedDelay.add(queryFails()), 0, 20,
                        TimeUnit.MILLISECONDS);
                // a FutureTask handed to execute directly, and invokeAll (which does the same)
                FutureTask<Boolean> direct = new FutureTask<>(query);
                pool.execute(direct);
                inside.add(direct.get(30, TimeUnit.SECONDS));
                for (Future<Boolean> f : pool.invokeAll(List.of(query, query), 30, TimeUnit.SECONDS)) {
                    inside.add(f.get());
                }
            }
            int outsideBefore = outsideRuns.get();
            // the periodic tasks keep their submitter's scope after it closed on the submitting thread
            await().atMost(Duration.ofSeconds(60)).until(() -> atFixedRate.size() >= 3
                    && withFixedDelay.size() >= 3 && outsideRuns.get() >= outsideBefore + 3);
            rate.cancel(false);
            delay.cancel(false);
            outside.cancel(false);
            // scheduled after the scope: unscoped
            assertThat(scheduler.schedule(ScopePropagationIT::queryFails, 1, TimeUnit.MILLISECONDS)
                    .get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(inside).hasSize(7).containsOnly(true);
            assertThat(atFixedRate).containsOnly(true);
            assertThat(withFixedDelay).containsOnly(true);
            assertThat(outsideRuns.get()).isGreaterThanOrEqualTo(3);
            assertThat(outsideFailures.get()).as("an unscoped scheduled task never sees the scoped fault").isZero();
            assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isGreaterThanOrEqualTo(7L + 3 + 3);
            assertThat(ChaosBridge.internalErrors()).isZero();
            assertThat(MONKEY.internalErrors()).isZero();
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void virtualThreadsStartedInTheScopeRunInItOnJdk21AndLater() throws Exception {
        if (Runtime.version().feature() < 21) {
            return; // no virtual threads on JDK 17: nothing to propagate
        }
        MONKEY.arm("jdbc operation=query -> exception(java.sql.SQLTransientConnectionException,"
                + " \"scoped db down\") scope=vt-test");
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            try (ChaosScope scope = MONKEY.openScope("vt-test")) {
                assertThat(virtual.submit(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(virtual.submit(ScopePropagationIT::queryFails).get(30, TimeUnit.SECONDS)).isFalse();
        } finally {
            virtual.shutdownNow();
        }
    }
}
