package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch must end holds already in progress: threads inside a 20 s delay or timeout are released by
 * disarm, disarmAll, disable and expiry, and the call then proceeds as if nothing had been injected (no timeout
 * exception). Asserted on counts (threads still held, threads finished, failures), not on wall time: the only time
 * bound is "well before the 20 s the fault asked for".
 */
class HeldCallReleaseTest {
    private static final int THREADS = 4;
    private static final Duration WELL_BEFORE_THE_FAULT_ENDS = Duration.ofSeconds(10);

    private final ManualClock manual = new ManualClock();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private ChaosMonkey monkey;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (monkey != null) {
            monkey.close();
        }
        for (Thread t : threads) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void startHeldCalls(String spec, boolean manualClock) {
        ChaosConfig.Builder config = ChaosConfig.custom().enabled(true);
        if (manualClock) {
            config.clock(manual);
        }
        monkey = ChaosMonkey.create(config.build());
        monkey.arm(spec);
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                try {
                    monkey.check("held");
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "held-call-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == THREADS);
    }

    private void assertAllReleasedAndProceeded() {
        await().atMost(WELL_BEFORE_THE_FAULT_ENDS)
                .until(() -> threads.stream().noneMatch(Thread::isAlive));
        assertThat(monkey.heldCalls()).isZero();
        assertThat(failures).as("a released call proceeds as if nothing had been injected").isEmpty();
    }

    private void releasedBy(String fault, boolean manualClock, Consumer<ChaosMonkey> stop) {
        startHeldCalls("custom name=held -> " + fault + " id=held for=1h", manualClock);
        stop.accept(monkey);
        assertAllReleasedAndProceeded();
    }

    @Test
    void disarmByIdReleasesDelays() {
        releasedBy("delay(20s)", false, m -> assertThat(m.disarm("held")).isTrue());
    }

    @Test
    void disarmByIdReleasesTimeoutsWithoutThrowingTheTimeout() {
        releasedBy("timeout(20s)", false, m -> assertThat(m.disarm("held")).isTrue());
    }

    @Test
    void killSwitchReleasesDelaysAndTimeouts() {
        releasedBy("delay(20s)", false, m -> assertThat(m.disarmAll()).isEqualTo(1));
        threads.clear();
        releasedBy("timeout(20s)", false, m -> assertThat(m.disarmAll()).isEqualTo(1));
    }

    @Test
    void disableReleasesHeldCallsAndReEnablingHoldsNewCallsAgain() {
        releasedBy("timeout(20s)", false, ChaosMonkey::disable);
        assertThat(monkey.rules()).hasSize(1);

        monkey.enable();
        threads.clear();
        Thread again = new Thread(() -> {
            try {
                monkey.check("held");
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        again.setDaemon(true);
        threads.add(again);
        again.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);
        monkey.disarmAll();
        assertAllReleasedAndProceeded();
    }

    @Test
    void expiryReleasesHeldCalls() {
        startHeldCalls("custom name=held -> delay(20s) id=held for=1m", true);
        manual.advance(Duration.ofMinutes(1));
        assertThat(monkey.rules()).isEmpty();
        assertAllReleasedAndProceeded();
    }

    @Test
    void aRuleExhaustingItsBudgetKeepsTheHoldsItCounted() {
        // max=N counts injections: the holds within the budget are the faults asked for; releasing them on
        // exhaustion would turn the last counted injection into none
        startHeldCalls("custom name=held -> delay(20s) id=held max=" + THREADS + " for=1h", false);
        assertThat(monkey.rule("held").orElseThrow().getState()).isEqualTo("EXHAUSTED");
        assertThat(monkey.heldCalls()).isEqualTo(THREADS);
        monkey.disarm("held");
        assertAllReleasedAndProceeded();
    }

    @Test
    void anInterruptStillEndsAHoldAndKeepsTheFlag() throws InterruptedException {
        monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
        monkey.arm("custom name=held -> delay(20s)");
        ConcurrentLinkedQueue<Boolean> flags = new ConcurrentLinkedQueue<>();
        Thread t = new Thread(() -> {
            monkey.check("held");
            flags.add(Thread.currentThread().isInterrupted());
        });
        t.setDaemon(true);
        t.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> monkey.heldCalls() == 1);
        t.interrupt();
        t.join(WELL_BEFORE_THE_FAULT_ENDS.toMillis());
        assertThat(flags).containsExactly(true);
    }
}
