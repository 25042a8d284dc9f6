package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Futures that fail or complete late, for asynchronous APIs (they fail through the future, never by throwing). */
public final class AsyncFaults {
    private AsyncFaults() {
    }

    /** A future that fails with {@code failure} after {@code delayNanos} (at once when 0). */
    public static <T> CompletableFuture<T> failAfter(Throwable failure, long delayNanos) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (delayNanos <= 0) {
            f.completeExceptionally(failure);
        } else {
            later(delayNanos).execute(new Completion<>(f, null, failure));
        }
        return f;
    }

    /** A future that completes like {@code source} but {@code delayNanos} later. */
    public static <T> CompletableFuture<T> delay(CompletableFuture<T> source, long delayNanos) {
        if (delayNanos <= 0) {
            return source;
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        source.whenComplete(new Relay<>(f, delayNanos));
        return f;
    }

    private static Executor later(long nanos) {
        return CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS);
    }

    private static final class Relay<T> implements BiConsumer<T, Throwable> {
        private final CompletableFuture<T> target;
        private final long nanos;

        Relay(CompletableFuture<T> target, long nanos) {
            this.target = target;
            this.nanos = nanos;
        }

        @Override
        public void accept(T value, Throwable failure) {
            later(nanos).execute(new Completion<>(target, value, failure));
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
