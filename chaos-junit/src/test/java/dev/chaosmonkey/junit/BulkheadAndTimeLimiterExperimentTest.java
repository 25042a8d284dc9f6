package dev.chaosmonkey.junit;

import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatBulkhead;
import static dev.chaosmonkey.junit.ResilienceAssertions.assertThatTimeLimiter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/** Bulkhead rejections and time limiter timeouts caused by an injected delay, asserted through their events. */
@ChaosExperiment(hypothesis = "A slow report database is contained by the bulkhead and the time limiter",
        baseline = "100ms")
class BulkheadAndTimeLimiterExperimentTest {

    final Bulkhead bulkhead = Bulkhead.of("reports", BulkheadConfig.custom()
            .maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
    final TimeLimiter timeLimiter = TimeLimiter.of("reports", TimeLimiterConfig.custom()
            .timeoutDuration(Duration.ofMillis(100)).cancelRunningFuture(true).build());
    final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    String report() {
        ChaosMonkey.global().check("report-db");
        return "report";
    }

    @Test
    void bulkheadRejectsCallsWhileTheDatabaseIsSlow(ChaosControl chaos) throws Exception {
        chaos.arm("custom name=report-db -> delay(300ms)");
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // the pool's threads are not the experiment's: the task carries its scope (the agent would do this)
            calls.add(pool.submit(ChaosScope.wrap(() -> bulkhead.executeCallable(this::report))));
        }
        long rejected = 0;
        for (Future<String> call : calls) {
            try {
                assertThat(call.get()).isEqualTo("report");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BulkheadFullException.class);
                rejected++;
            }
        }
        chaos.disarmAll();

        assertThat(rejected).isBetween(1L, 2L);
        assertThatBulkhead(bulkhead).rejectedAtLeast(rejected);
    }

    @Test
    void timeLimiterTimesOutSlowCalls(ChaosControl chaos) {
        chaos.arm("custom name=report-db -> delay(300ms)");
        assertThatThrownBy(() -> timeLimiter.executeFutureSupplier(
                () -> CompletableFuture.supplyAsync(this::report, ChaosScope.wrap(pool))))
                .isInstanceOf(TimeoutException.class);
        chaos.disarmAll();

        assertThatTimeLimiter(timeLimiter).timedOutAtLeast(1);
        assertThat(chaos.result().timeline()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("timelimiter:reports");
            assertThat(e.description()).isEqualTo("timed out");
        });
    }

    @Test
    void componentsThatAreNotObservedAreReportedClearly() {
        Bulkhead unobserved = Bulkhead.ofDefaults("elsewhere");
        assertThatThrownBy(() -> assertThatBulkhead(unobserved).neverRejected())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bulkhead 'elsewhere' is not observed by a running @ChaosExperiment");
    }
}
