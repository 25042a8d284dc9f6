package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Futures that fail or complete late, for asynchronous APIs (they fail through the future, never by throwing). Every
 * wait is a {@link FiredFault#holdAsync(long) hold} of the engine, so the kill switch (disarm, disarmAll, disable,
 * expiry) ends it at once and the call then proceeds as if nothing had been injected; no thread is blocked meanwhile.
 * Inner classes rather than lambdas: this class is loaded by the bootstrap loader inside class-loading callbacks.
 */
public final class AsyncFaults {
    private AsyncFaults() {
    }

    /** A future failed with {@code failure}. */
    public static <T> CompletableFuture<T> failed(Throwable failure) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(failure);
        return f;
    }

    /**
     * A future that fails with {@code failure} once {@code fault}'s hold of {@code nanos} ran its course, or, when
     * the engine releases the hold first, completes like the real call {@code proceed} gives (made only then).
     */
    public static <T> CompletableFuture<T> timeout(FiredFault fault, long nanos, Throwable failure,
            Supplier<CompletableFuture<T>> proceed) {
        CompletableFuture<T> f = new CompletableFuture<>();
        afterHold(fault, nanos, new Completion<>(f, null, failure), new Proceed<>(f, proceed));
        return f;
    }

    /**
     * A future that completes like {@code source} but later: {@code fault}'s hold of {@code nanos} starts when
     * {@code source} completes, and releasing it delivers the outcome at once.
     */
    public static <T> CompletableFuture<T> delay(CompletableFuture<T> source, FiredFault fault, long nanos) {
        if (nanos <= 0) {
            return source;
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        source.whenComplete(new Relay<>(f, fault, nanos));
        return f;
    }

    /**
     * Runs {@code ran} when {@code fault}'s hold of {@code nanos} ran its course, {@code released} when the engine
     * ended it first (on the {@code CompletableFuture} default async pool, never on the caller's thread once held).
     */
    public static void afterHold(FiredFault fault, long nanos, Runnable ran, Runnable released) {
        fault.holdAsync(nanos).whenComplete(new AfterHold(ran, released));
    }

    private static final class AfterHold implements BiConsumer<Boolean, Throwable> {
        private final Runnable ran;
        private final Runnable released;

        AfterHold(Runnable ran, Runnable released) {
            this.ran = ran;
            this.released = released;
        }

        @Override
        public void accept(Boolean ranItsCourse, Throwable cancelled) {
            try {
                if (Boolean.TRUE.equals(ranItsCourse)) {
                    ran.run();
                } else if (cancelled == null) {
                    released.run();
                }
            } catch (Throwable t) {
                ChaosBridge.internalError("async-hold", t);
            }
        }
    }

    private static final class Relay<T> implements BiConsumer<T, Throwable> {
        private final CompletableFuture<T> target;
        private final FiredFault fault;
        private final long nanos;

        Relay(CompletableFuture<T> target, FiredFault fault, long nanos) {
            this.target = target;
            this.fault = fault;
            this.nanos = nanos;
        }

        @Override
        public void accept(T value, Throwable failure) {
            Completion<T> c = new Completion<>(target, value, failure);
            try {
                afterHold(fault, nanos, c, c);
            } catch (Throwable t) {
                ChaosBridge.internalError("async-hold", t);
                c.run();
            }
        }
    }

    /** The real call, made when a timeout's hold was released: the future completes as that call does. */
    private static final class Proceed<T> implements Runnable, BiConsumer<T, Throwable> {
        private final CompletableFuture<T> target;
        private final Supplier<CompletableFuture<T>> call;

        Proceed(CompletableFuture<T> target, Supplier<CompletableFuture<T>> call) {
            this.target = target;
            this.call = call;
        }

        @Override
        public void run() {
            CompletableFuture<T> real;
            try {
                real = call.get();
            } catch (Throwable t) {
                target.completeExceptionally(t);
                return;
            }
            real.whenComplete(this);
        }

        @Override
        public void accept(T value, Throwable failure) {
            new Completion<>(target, value, failure).run();
        }
    }

    private static final class Completion<T> implements Runnable {
        private final CompletableFuture<T> target;
        private final T value;
        private final Throwable failure;

        Completion(CompletableFuture<T> target, T value, Throwable failure) {
            this.target = target;
            this.value = value;
            this.failure = failure;
        }

        @Override
        public void run() {
            if (failure != null) {
                target.completeExceptionally(failure);
            } else {
                target.complete(value);
            }
        }
    }
}
