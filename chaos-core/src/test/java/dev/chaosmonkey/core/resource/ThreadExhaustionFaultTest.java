package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSpecException;

class ThreadExhaustionFaultTest {
    private final ChaosMonkey monkey = ChaosMonkey.create();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(3));

    @AfterEach
    void cleanUp() {
        monkey.close();
        pool.shutdownNow();
        ResourceTargets.unregister("orders-pool");
    }

    @Test
    void parksThreadsUntilDisarm() {
        monkey.enable();
        int before = Thread.activeCount();
        String id = monkey.arm("resource -> threads(count=20) id=parked");

        assertThat(chaosThreads(id)).hasSize(20);
        await().atMost(Duration.ofSeconds(5)).until(() -> holding(monkey, id, ThreadExhaustionFault.THREADS_BUSY) == 20);
        assertThat(Thread.activeCount()).isGreaterThanOrEqualTo(before + 20);

        monkey.disarm(id);
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void aDelayedRuleStartsItsThreadsWhenItActivates() {
        monkey.enable();
        String id = monkey.arm("resource -> threads(count=2) after=1s id=parked-later");
        assertThat(chaosThreads(id)).as("pending rules hold nothing").isEmpty();
        assertThat(monkey.rule(id).orElseThrow().getState()).isEqualTo("PENDING");

        await().atMost(Duration.ofSeconds(10)).until(() -> chaosThreads(id).size() == 2);
        monkey.disarm(id);
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void fillsARegisteredExecutorSoThatApplicationTasksAreRejectedUntilDisarm() throws Exception {
        try (ResourceTargets.Registration r = ResourceTargets.register("orders-pool", pool)) {
            monkey.enable();
            String id = monkey.arm("resource -> threads(executor=orders-pool) id=pool-fill");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(holding(monkey, id, ThreadExhaustionFault.THREADS_BUSY)).isEqualTo(2);
                assertThat(holding(monkey, id, ThreadExhaustionFault.TASKS_SUBMITTED)).isEqualTo(5);
            });
            assertThat(pool.getActiveCount()).isEqualTo(2);
            assertThat(pool.getQueue()).hasSize(3);
            assertThatThrownBy(() -> pool.submit(() -> "order"))
                    .as("the application's task is rejected").isInstanceOf(RejectedExecutionException.class);

            monkey.disarm(id);

            assertThat(pool.getQueue()).as("queued blockers removed").isEmpty();
            Future<String> order = pool.submit(() -> "order");
            assertThat(order.get(10, TimeUnit.SECONDS)).isEqualTo("order");
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0);
            assertThat(chaosThreads(id)).isEmpty();
        }
    }

    @Test
    void blocksSomeOfAnExecutorsThreads() throws Exception {
        ResourceTargets.register("orders-pool", pool);
        monkey.enable();
        String id = monkey.arm("resource -> threads(executor=orders-pool, count=1) id=pool-one");
        await().atMost(Duration.ofSeconds(5)).until(() -> holding(monkey, id, ThreadExhaustionFault.THREADS_BUSY) == 1);

        assertThat(pool.submit(() -> "still served").get(10, TimeUnit.SECONDS)).isEqualTo("still served");
        monkey.disarm(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0);
    }

    @Test
    void armingFailsClearlyForUnknownOrUnsizableExecutors() {
        monkey.enable();
        assertThatThrownBy(() -> monkey.arm("resource -> threads(executor=missing-pool)"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("no executor registered as 'missing-pool'");
        assertThat(monkey.rules()).isEmpty();

        var single = Executors.newSingleThreadExecutor();
        try {
            ResourceTargets.register("orders-pool", single);
            assertThatThrownBy(() -> monkey.arm("resource -> threads(executor=orders-pool)"))
                    .hasMessageContaining("give count=<tasks to block>");
            assertThat(monkey.rules()).isEmpty();
        } finally {
            single.shutdownNow();
        }
    }
}
