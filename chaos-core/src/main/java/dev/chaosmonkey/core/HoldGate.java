package dev.chaosmonkey.core;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the calls a rule holds (delays, timeouts) wait on, so that the engine can end every hold at once: disarm, the
 * kill switch, expiry and disabling chaos {@link #close() close} the gate, which wakes every waiting thread.
 *
 * <p>A latch rather than {@code Thread.sleep}: a sleeping thread can only be woken by an interrupt, which would also
 * reach the application's code. A latch wakes the waiters and nothing else. Closing swaps in a fresh latch for when
 * the rule acts again (chaos re-enabled).
 *
 * <p>Asynchronous clients hold no thread: {@link #holdAsync(long)} gives a future that a timer completes, and closing
 * the gate completes every pending one at once. Both kinds count in {@link #holding()}.
 */
final class HoldGate {
    private volatile CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean closed;
    private final AtomicInteger holding = new AtomicInteger();
    private final Set<AsyncHold> pending = ConcurrentHashMap.newKeySet();

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

    /**
     * Holds an asynchronous call for {@code nanos} without blocking a thread, unless the gate closes first.
     *
     * @return a future completed (never on the caller's thread once pending, never on the thread that closes the
     *     gate: on the {@code CompletableFuture} default async pool) with {@code true} when the hold ran its course,
     *     {@code false} when the gate was or became closed. Cancelling it ends the hold.
     */
    CompletableFuture<Boolean> holdAsync(long nanos) {
        if (closed) {
            return CompletableFuture.completedFuture(Boolean.FALSE);
        }
        if (nanos <= 0) {
            return CompletableFuture.completedFuture(Boolean.TRUE);
        }
        AsyncHold hold = new AsyncHold();
        holding.incrementAndGet();
        pending.add(hold);
        hold.future.whenComplete(hold);
        hold.timer = ChaosClock.system().schedule(hold::ranItsCourse, nanos);
        if (closed) {
            // closed while registering: close() may have iterated before the add
            hold.end(false);
        }
        return hold.future;
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
        for (AsyncHold hold : pending) {
            hold.end(false);
        }
    }

    /** Lets calls be held again (the rule acts again). */
    void open() {
        closed = false;
    }

    /** Calls held right now. */
    int holding() {
        return holding.get();
    }

    /** One pending asynchronous hold; ends once (timer, gate closed, or its future completed by someone else). */
    private final class AsyncHold implements java.util.function.BiConsumer<Boolean, Throwable> {
        final CompletableFuture<Boolean> future = new CompletableFuture<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        volatile ChaosClock.Scheduled timer;

        void ranItsCourse() {
            end(true);
        }

        void end(boolean ran) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            pending.remove(this);
            holding.decrementAndGet();
            ChaosClock.Scheduled t = timer;
            if (!ran && t != null) {
                t.cancel();
            }
            // the continuation (the client's request, the user's callbacks) must not run on the timer thread or on
            // the thread that pulled the kill switch
            Boolean result = ran;
            future.completeAsync(() -> result);
        }

        /** The future completed or was cancelled by its user (a reactive cancel): the hold is over. */
        @Override
        public void accept(Boolean value, Throwable failure) {
            end(false);
        }
    }
}
