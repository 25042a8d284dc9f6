package dev.chaosmonkey.core;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Time and timers for rule activation and expiry. The system clock uses one daemon thread; tests pass a manual clock
 * so expiry is tested without sleeping.
 */
public interface ChaosClock {

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, for reports. */
    long currentTimeMillis();

    /**
     * Runs {@code task} once after {@code delayNanos} of this clock's time.
     *
     * @return a handle to cancel the task
     */
    Scheduled schedule(Runnable task, long delayNanos);

    /** A scheduled task. */
    interface Scheduled {
        /** Cancels the task if it has not run. */
        void cancel();
    }

    /** The real clock. */
    static ChaosClock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock with one lazily started daemon timer thread. */
    final class SystemClock implements ChaosClock {
        static final SystemClock INSTANCE = new SystemClock();
        private volatile ScheduledThreadPoolExecutor timer;

        private SystemClock() {
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public Scheduled schedule(Runnable task, long delayNanos) {
            java.util.concurrent.ScheduledFuture<?> f =
                    timer().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }

        private ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = timer;
            if (t == null) {
                synchronized (this) {
                    t = timer;
                    if (t == null) {
                        ThreadFactory factory = r -> {
                            Thread thread = new Thread(r, "chaos-monkey-timer");
                            thread.setDaemon(true);
                            thread.setContextClassLoader(null);
                            return thread;
                        };
                        t = new ScheduledThreadPoolExecutor(1, factory);
                        t.setRemoveOnCancelPolicy(true);
                        timer = t;
                    }
                }
            }
            return t;
        }
    }
}
