package dev.chaosmonkey.core;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * A named part of the process's work (a test, a request, a caller) that scoped rules ({@code scope=<name>}) act on:
 * a rule with a scope fires only for calls made while a scope of that name is current on the calling thread, so a
 * fault armed for one test or one request never touches the others. Unscoped rules act on every call as before.
 *
 * <pre>{@code
 * monkey.arm("jdbc operation=query -> exception scope=checkout-test");
 * try (ChaosScope scope = monkey.openScope("checkout-test")) {
 *     checkout.run();                      // its JDBC queries fail
 * }
 * }</pre>
 *
 * <p>The scope is bound to the thread that opened it; scopes nest, and closing one makes the one it was opened in
 * current again. Work handed to other threads carries the scope only when it is wrapped: {@link #wrap(Runnable)},
 * {@link #wrap(Callable)} and {@link #wrap(Executor)} without the agent; with the agent, tasks submitted to
 * executors, {@code ForkJoinPool}s and {@code CompletableFuture} async stages are wrapped for you while a scoped rule
 * is armed.
 *
 * <p>The binding is one {@code ThreadLocal} shared by every {@link ChaosMonkey} of this chaos-core. Scope names are
 * 1-64 letters, digits, {@code _ . -}.
 */
public final class ChaosScope implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final ThreadLocal<ChaosScope> CURRENT = new ThreadLocal<>();

    private final String name;
    private final ChaosScope outer;
    private final Thread owner;
    private boolean closed;

    private ChaosScope(String name, ChaosScope outer, Thread owner) {
        this.name = name;
        this.outer = outer;
        this.owner = owner;
    }

    /**
     * Opens the scope {@code name} on the current thread (the same as {@link ChaosMonkey#openScope(String)}).
     *
     * @throws IllegalArgumentException if the name is not 1-64 letters, digits, {@code _ . -}
     */
    public static ChaosScope open(String name) {
        Objects.requireNonNull(name, "name");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("scope name '" + name
                    + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        return bind(name);
    }

    /** The scope current on this thread, or {@code null}. */
    public static ChaosScope current() {
        return CURRENT.get();
    }

    /** The name of the scope current on this thread, or {@code null}: the one read a scoped decision adds. */
    static String currentName() {
        ChaosScope s = CURRENT.get();
        return s == null ? null : s.name;
    }

    /** Whether {@code name} is a valid scope name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The scope's name. */
    public String name() {
        return name;
    }

    /**
     * Leaves the scope: the scope it was opened in becomes current again. Idempotent. Closing on another thread
     * than the one that opened it does nothing there (each thread owns its binding).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            ChaosLog.warnOnce("scope-close-thread-" + name, "chaos scope '" + name + "' closed on another thread"
                    + " than the one that opened it; the opening thread keeps it until it closes it there", null);
            return;
        }
        closed = true;
        if (CURRENT.get() != this) {
            ChaosLog.warnOnce("scope-close-order-" + name, "chaos scope '" + name + "' closed while an inner scope"
                    + " was still open; the scope it was opened in is current again", null);
        }
        CURRENT.set(outer);
    }

    /**
     * {@code task} made to run inside the scope current now (on whichever thread runs it), or {@code task} itself
     * when no scope is current.
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        ChaosScope s = CURRENT.get();
        return s == null || task instanceof ScopedRunnable ? task : new ScopedRunnable(task, s.name);
    }

    /** {@code task} made to run inside the scope current now, or {@code task} itself when no scope is current. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        Objects.requireNonNull(task, "task");
        ChaosScope s = CURRENT.get();
        return s == null || task instanceof ScopedCallable ? task : new ScopedCallable<>(task, s.name);
    }

    /**
     * An executor that runs every task inside the scope current when the task was handed to it (not when the
     * executor was wrapped): a task submitted outside any scope runs outside any scope.
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return executor instanceof ScopedExecutor ? executor : new ScopedExecutor(executor);
    }

    /** Makes the (valid) scope {@code name} current on this thread; closing the result restores the previous one. */
    static ChaosScope bind(String name) {
        ChaosScope scope = new ChaosScope(name, CURRENT.get(), Thread.currentThread());
        CURRENT.set(scope);
        return scope;
    }

    @Override
    public String toString() {
        return "ChaosScope[" + name + "]";
    }

    /** A task bound to a scope name. */
    private static final class ScopedRunnable implements Runnable {
        private final Runnable task;
        private final String scope;

        ScopedRunnable(Runnable task, String scope) {
            this.task = task;
            this.scope = scope;
        }

        @Override
        public void run() {
            try (ChaosScope ignored = bind(scope)) {
                task.run();
            }
        }

        @Override
        public String toString() {
            return task + " (chaos scope " + scope + ")";
        }
    }

    /** A callable bound to a scope name. */
    private static final class ScopedCallable<V> implements Callable<V> {
        private final Callable<V> task;
        private final String scope;

        ScopedCallable(Callable<V> task, String scope) {
            this.task = task;
            this.scope = scope;
        }

        @Override
        public V call() throws Exception {
            try (ChaosScope ignored = bind(scope)) {
                return task.call();
            }
        }

        @Override
        public String toString() {
            return task + " (chaos scope " + scope + ")";
        }
    }

    /** Wraps each task in the scope of its submitter. */
    private static final class ScopedExecutor implements Executor {
        private final Executor delegate;

        ScopedExecutor(Executor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(wrap(command));
        }

        @Override
        public String toString() {
            return delegate + " (chaos scopes carried)";
        }
    }
}
