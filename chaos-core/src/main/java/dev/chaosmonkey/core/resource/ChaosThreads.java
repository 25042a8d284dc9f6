package dev.chaosmonkey.core.resource;

import dev.chaosmonkey.core.internal.ChaosLog;

/** Creates the daemon threads resource faults run on, named after their rule so that thread dumps explain them. */
final class ChaosThreads {
    /** Prefix of every resource-fault thread name. */
    public static final String PREFIX = "chaos-";

    /** Starts a created thread. */
    interface Starter {
        void start(Thread t);
    }

    /**
     * How threads are started. A seam for tests only: the JVM's {@code OutOfMemoryError: unable to create native
     * thread} cannot be produced reliably in a test (it depends on ulimits and memory of the machine), so tests
     * replace this to make a start fail and check that arming rolls everything back.
     */
    static volatile Starter starter = Thread::start;

    private ChaosThreads() {
    }

    /** Starts a daemon thread named {@code chaos-<ruleId>-<role>}; uncaught errors are logged, never rethrown. */
    public static Thread start(String ruleId, String role, Runnable body) {
        Thread t = new Thread(body, PREFIX + ruleId + "-" + role);
        t.setDaemon(true);
        t.setContextClassLoader(null);
        t.setUncaughtExceptionHandler((thread, e) -> ChaosLog.warn("chaos thread " + thread.getName() + " failed", e));
        starter.start(t);
        return t;
    }

    /** Waits up to {@code millis} in total for the threads to end; keeps the caller's interrupt flag. */
    public static void joinAll(Iterable<Thread> threads, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        boolean interrupted = false;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks the calling thread until {@code release} opens (or the thread is interrupted), counted in {@code busy}
     * while it waits: what thread-exhaustion faults report as {@code threadsBusy}.
     */
    public static void holdUntilReleased(java.util.concurrent.CountDownLatch release,
            java.util.concurrent.atomic.AtomicInteger busy) {
        busy.incrementAndGet();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            busy.decrementAndGet();
        }
    }
}
