package dev.chaosmonkey.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the calls a rule holds (delays, timeouts) wait on, so that the engine can end every hold at once: disarm, the
 * kill switch, expiry and disabling chaos {@link #close() close} the gate, which wakes every waiting thread.
 *
 * <p>A latch rather than {@code Thread.sleep}: a sleeping thread can only be woken by an interrupt, which would also
 * reach the application's code. A latch wakes the waiters and nothing else. Closing swaps in a fresh latch for when
 * the rule acts again (chaos re-enabled).
 */
final class HoldGate {
    private volatile CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean closed;
    private final AtomicInteger holding = new AtomicInteger();

    /**
     * Holds the calling thread for {@code nanos} unless the gate closes first.
     *
     * @return {@code true} when the hold ran its course (or the thread was interrupted, whose flag then stays set);
     *     {@code false} when the gate was or became closed
     */
    boolean hold(long nanos) {
        if (closed) {
            return false;
        }
        if (nanos <= 0) {
            return true;
        }
        CountDownLatch l = latch;
        if (closed) {
            // closed between the two reads: l may be the fresh latch nobody will count down
            return false;
        }
        holding.incrementAndGet();
        try {
            return !l.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            holding.decrementAndGet();
        }
    }

    /** Wakes every held call and refuses new holds until {@link #open()}. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        CountDownLatch l = latch;
        latch = new CountDownLatch(1);
        l.countDown();
    }

    /** Lets calls be held again (the rule acts again). */
    void open() {
        closed = false;
    }

    /** Whether the gate is closed: the rule does not act (disarmed, expired, chaos disabled). */
    boolean isClosed() {
        return closed;
    }

    /** Calls held right now. */
    int holding() {
        return holding.get();
    }
}
