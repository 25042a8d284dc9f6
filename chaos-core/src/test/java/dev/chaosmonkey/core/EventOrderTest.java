package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Listeners see a rule's lifecycle in the order it happened, whichever threads made the changes: an expiry timer that
 * fires while {@code arm} is still returning must not deliver EXPIRED before ARMED (the audit log once showed that
 * order for a {@code for=50ms} rule on a loaded machine).
 */
class EventOrderTest {

    /** A clock whose timers fire at once on a new thread, with the clock moved to their due time. */
    private static final class ImpatientClock implements ChaosClock {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final List<Thread> timers = Collections.synchronizedList(new ArrayList<>());

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public long currentTimeMillis() {
            return now.get() / 1_000_000;
        }

        @Override
        public Scheduled schedule(Runnable task, long delayNanos) {
            Thread t = new Thread(() -> {
                now.addAndGet(Math.max(0, delayNanos));
                task.run();
            }, "impatient-timer");
            timers.add(t);
            t.start();
            return () -> { };
        }
    }

    @Test
    void aRuleThatExpiresWhileItIsBeingArmedIsSeenArmedFirst() throws Exception {
        ImpatientClock clock = new ImpatientClock();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().clock(clock).enabled(true).build())) {
            monkey.getEventPublisher().onEvent(e -> seen.add(e.type() + " " + e.ruleId()));
            int rules = 100;
            for (int i = 0; i < rules; i++) {
                monkey.arm("custom name=x -> exception for=1ms id=short-" + i);
            }
            for (Thread t : new ArrayList<>(clock.timers)) {
                t.join(30_000);
            }
            List<String> copy = new ArrayList<>(seen);
            for (int i = 0; i < rules; i++) {
                int armed = copy.indexOf("ARMED short-" + i);
                int expired = copy.indexOf("EXPIRED short-" + i);
                assertThat(armed).as("ARMED short-%d in %s", i, copy).isNotNegative();
                assertThat(expired).as("EXPIRED short-%d in %s", i, copy).isGreaterThan(armed);
            }
        }
    }
}
