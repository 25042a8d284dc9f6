package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RunnableFuture;

/**
 * What advice woven into executors calls on every submitted task: while no scoped rule is active (the normal case)
 * the task is returned as it is after two plain reads (the carrier, the engine's snapshot), the same cost as the
 * disarmed check of every other advice; while one is, a task submitted from inside a chaos scope is wrapped so it
 * runs in that scope. Internal errors let the task through unwrapped.
 */
public final class ScopePropagation {
    private static volatile ScopeCarrier carrier = ScopeCarrier.NONE;

    private ScopePropagation() {
    }

    /** Installs the live carrier. */
    public static void install(ScopeCarrier live) {
        if (live == null) {
            throw new IllegalArgumentException("scope carrier must not be null");
        }
        carrier = live;
    }

    /** Back to carrying nothing (agent detach). */
    public static void clear() {
        carrier = ScopeCarrier.NONE;
    }

    /** {@code task}, carrying the caller's scope while a scoped rule is active. */
    public static Runnable wrap(Runnable task) {
        ScopeCarrier c = carrier;
        if (task == null || !c.carrying()) {
            return task;
        }
        try {
            return c.wrap(task);
        } catch (Throwable t) {
            ChaosBridge.internalError("scope-propagation", t);
            return task;
        }
    }

    /** {@code task}, carrying the caller's scope while a scoped rule is active. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        ScopeCarrier c = carrier;
        if (task == null || !c.carrying()) {
            return task;
        }
        try {
            return c.wrap(task);
        } catch (Throwable t) {
            ChaosBridge.internalError("scope-propagation", t);
            return task;
        }
    }

    /**
     * For {@code ThreadPoolExecutor.execute}: a {@link RunnableFuture} is left alone (it is {@code submit}'s own
     * task, whose callable was wrapped already, or the caller's, whose identity {@code remove} and
     * {@code shutdownNow} rely on; a {@code FutureTask} carries the scope it was created in by itself).
     */
    public static Runnable wrapExecuted(Runnable task) {
        return task instanceof RunnableFuture ? task : wrap(task);
    }

    /**
     * For {@code ForkJoinPool.submit(Runnable)}: a {@link ForkJoinTask} is left alone, since the pool returns it as
     * the task's future.
     */
    public static Runnable wrapSubmitted(Runnable task) {
        return task instanceof ForkJoinTask ? task : wrap(task);
    }
}
