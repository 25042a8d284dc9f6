package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when told to, running due timers as it advances. */
final class ManualClock implements ChaosClock {
    private long nanos = 1_000_000_000L;
    private long millis = 1_700_000_000_000L;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final long at;
        final Runnable runnable;
        boolean cancelled;

        Task(long at, Runnable runnable) {
            this.at = at;
            this.runnable = runnable;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return millis;
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, long delayNanos) {
        Task t = new Task(nanos + Math.max(0, delayNanos), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward and runs the timers that became due, in order. */
    void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            nanos += d.toNanos();
            millis += d.toMillis();
            for (Task t : new ArrayList<>(tasks)) {
                if (t.at <= nanos) {
                    tasks.remove(t);
                    if (!t.cancelled) {
                        due.add(t);
                    }
                }
            }
        }
        due.sort((a, b) -> Long.compare(a.at, b.at));
        for (Task t : due) {
            t.runnable.run();
        }
    }

    synchronized int pendingTimers() {
        int n = 0;
        for (Task t : tasks) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }
}
