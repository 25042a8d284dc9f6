package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int THREADS = 4;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        monkey.close();
    }

    private long runConcurrently(int callsPerThread, String name) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<Long> task = () -> {
                start.await();
                long fired = 0;
                for (int i = 0; i < callsPerThread; i++) {
                    if (monkey.decideCustom(name) != null) {
                        fired++;
                    }
                }
                return fired;
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        long total = 0;
        for (Future<Long> f : results) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        return total;
    }

    @Test
    void budgetOfNInjectionsIsExactUnderContention() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = monkey.arm("custom name=x -> exception max=137");
            long fired = runConcurrently(2_000, "x");
            assertThat(fired).as("round %d", round).isEqualTo(137);
            RuleInfo info = monkey.rule(id).orElseThrow();
            assertThat(info.getInjected()).isEqualTo(137);
            assertThat(info.getState()).isEqualTo("EXHAUSTED");
            monkey.disarm(id);
        }
    }

    @Test
    void globalBudgetIsExactUnderContention() throws Exception {
        ChaosMonkey budgeted = ChaosMonkey.create(ChaosConfig.custom().enabled(true).maxInjections(250).build());
        budgeted.arm("custom name=x -> exception p=0.5");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                start.await();
                long fired = 0;
                for (int i = 0; i < 5_000; i++) {
                    fired += budgeted.decideCustom("x") != null ? 1 : 0;
                }
                return fired;
            }));
        }
        start.countDown();
        long total = 0;
        for (Future<Long> f : results) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(250);
        budgeted.close();
    }

    @Test
    void probabilityOverManyCallsLandsWithinAStatisticalBound() throws Exception {
        double p = 0.3;
        int calls = 100_000;
        String id = monkey.arm("custom name=x -> exception p=0.3");

        long fired = runConcurrently(calls / THREADS, "x");

        // binomial: sigma = sqrt(n p (1-p)) ~ 145; 6 sigma keeps the false-failure rate below 1e-8
        double sigma = Math.sqrt(calls * p * (1 - p));
        assertThat((double) fired).isBetween(calls * p - 6 * sigma, calls * p + 6 * sigma);
        RuleInfo info = monkey.rule(id).orElseThrow();
        assertThat(info.getMatched()).isEqualTo(calls);
        assertThat(info.getInjected() + info.getSkipped()).isEqualTo(calls);
        assertThat(info.getInjected()).isEqualTo(fired);
    }

    @Test
    void armingAndDisarmingWhileCallsRunNeverBreaksACall() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong fired = new java.util.concurrent.atomic.AtomicLong();
        Future<Long> calls = pool.submit(() -> {
            long n = 0;
            while (done.getCount() > 0) {
                Injection injection = monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x");
                if (injection != null) {
                    // a decision that fired is a real one: its rule, its fault, and it performs without throwing
                    assertThat(injection.fault().kind()).isEqualTo("delay");
                    assertThat(injection.ruleId()).startsWith("r");
                    injection.perform(null);
                    fired.incrementAndGet();
                }
                n++;
            }
            return n;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < 500 || fired.get() == 0 && System.nanoTime() < deadline; i++) {
            String id = monkey.arm("jdbc sql~orders -> delay(0ms) p=0.5");
            monkey.disarm(id);
        }
        done.countDown();
        assertThat(calls.get(30, TimeUnit.SECONDS)).isPositive();
        assertThat(monkey.rules()).isEmpty();
        assertThat(fired.get()).as("some decisions fired while rules were armed").isPositive();
        assertThat(monkey.totalInjections()).as("every injection counted is one a caller received")
                .isEqualTo(fired.get());
        assertThat(monkey.internalErrors()).as("no decision failed inside the engine").isZero();
    }
}
