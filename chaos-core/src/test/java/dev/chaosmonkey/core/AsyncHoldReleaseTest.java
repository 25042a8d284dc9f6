package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous holds ({@link Injection#holdAsync(long)}, what future-based and reactive clients wait on) obey the kill
 * switch like blocking ones: counted in {@code heldCalls} while pending, released at once by disarm, disarmAll,
 * disable and expiry (completing with {@code false}: proceed as if nothing had been injected), never completing
 * their continuation on the thread that pulled the switch. Asserted on counts and outcomes; the only time bound is
 * "well before the 60 s the fault asked for".
 */
class AsyncHoldReleaseTest {
    private static final int HOLDS = 3;
    private static final Duration WELL_BEFORE_THE_FAULT_ENDS = Duration.ofSeconds(20);

    private final ManualClock manual = new ManualClock();
    private final List<CompletableFuture<Boolean>> holds = new ArrayList<>();
    private ChaosMonkey monkey;

    @AfterEach
    void tearDown() {
        if (monkey != null) {
            monkey.close();
        }
    }

    private void startHolds(String fault, boolean manualClock) {
        ChaosConfig.Builder config = ChaosConfig.custom().enabled(true);
        if (manualClock) {
            config.clock(manual);
        }
        monkey = ChaosMonkey.create(config.build());
        monkey.arm("custom name=held -> " + fault + " id=held for=1h");
        for (int i = 0; i < HOLDS; i++) {
            Injection injection = monkey.decideCustom("held");
            assertThat(injection).isNotNull();
            holds.add(injection.holdAsync(injection.fault().nextPauseNanos()));
        }
        assertThat(monkey.heldCalls()).as("pending asynchronous holds are held calls").isEqualTo(HOLDS);
        assertThat(holds).noneMatch(CompletableFuture::isDone);
    }

    private void releasedBy(Consumer<ChaosMonkey> stop) throws Exception {
        ConcurrentLinkedQueue<Thread> continuations = new ConcurrentLinkedQueue<>();
        for (CompletableFuture<Boolean> h : holds) {
            h.thenRun(() -> continuations.add(Thread.currentThread()));
        }
        stop.accept(monkey);
        CompletableFuture.allOf(holds.toArray(new CompletableFuture<?>[0]))
                .get(WELL_BEFORE_THE_FAULT_ENDS.toMillis(), TimeUnit.MILLISECONDS);
        for (CompletableFuture<Boolean> h : holds) {
            assertThat(h.get()).as("released: the call proceeds as if nothing had been injected").isFalse();
        }
        assertThat(monkey.heldCalls()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> continuations.size() == holds.size());
        assertThat(continuations).doesNotContain(Thread.currentThread());
    }

    @Test
    void disarmByIdReleasesAsynchronousDelays() throws Exception {
        startHolds("delay(60s)", false);
        releasedBy(m -> assertThat(m.disarm("held")).isTrue());
    }

    @Test
    void killSwitchReleasesAsynchronousTimeouts() throws Exception {
        startHolds("timeout(60s)", false);
        releasedBy(m -> assertThat(m.disarmAll()).isEqualTo(1));
    }

    @Test
    void disableReleasesAndAClosedGateHoldsNothing() throws Exception {
        startHolds("delay(60s)", false);
        Injection decidedBefore = monkey.decideCustom("held");
        releasedBy(ChaosMonkey::disable);
        // a decision taken before the switch, held after it: released at once
        assertThat(decidedBefore.holdAsync(TimeUnit.SECONDS.toNanos(60)).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(monkey.heldCalls()).isZero();
    }

    @Test
    void expiryReleasesAsynchronousHolds() throws Exception {
        monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).clock(manual).build());
        monkey.arm("custom name=held -> delay(60s) id=held for=1m");
        Injection injection = monkey.decideCustom("held");
        holds.add(injection.holdAsync(injection.fault().nextPauseNanos()));
        assertThat(monkey.heldCalls()).isEqualTo(1);
        releasedBy(m -> manual.advance(Duration.ofMinutes(1)));
        assertThat(monkey.rules()).isEmpty();
    }

    @Test
    void aShortHoldRunsItsCourse() throws Exception {
        monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
        monkey.arm("custom name=held -> delay(50ms)");
        Injection injection = monkey.decideCustom("held");
        long start = System.nanoTime();
        assertThat(injection.holdAsync(injection.fault().nextPauseNanos()).get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(monkey.heldCalls()).isZero();
    }

    @Test
    void cancellingTheFutureEndsTheHold() {
        startHolds("delay(60s)", false);
        for (CompletableFuture<Boolean> h : holds) {
            h.cancel(false);
        }
        assertThat(monkey.heldCalls()).isZero();
    }
}
