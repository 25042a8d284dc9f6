package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * What a fired rule does to one {@code HttpClient.send/sendAsync}: either the call is replaced by a future (a
 * failure, a late failure, a synthetic response) or the real response is delayed.
 */
public final class JdkHttpDecision {
    private final CompletableFuture<?> replacement;
    private final FiredFault delay;
    private final long delayNanos;
    /** A response-body fault the caller's body handler is wrapped with, or {@code null}. */
    private final FiredFault body;

    private JdkHttpDecision(CompletableFuture<?> replacement, FiredFault delay, long delayNanos) {
        this(replacement, delay, delayNanos, null);
    }

    private JdkHttpDecision(CompletableFuture<?> replacement, FiredFault delay, long delayNanos, FiredFault body) {
        this.replacement = replacement;
        this.delay = delay;
        this.delayNanos = delayNanos;
        this.body = body;
    }

    /** The call is made and the body of its response goes through {@code fault} ({@link JdkBodyFaults}). */
    static JdkHttpDecision wrapBody(FiredFault fault) {
        return new JdkHttpDecision(null, null, 0, fault);
    }

    /** The body handler the call is made with: {@code handler}, wrapped for a response-body fault. */
    public Object bodyHandler(Object handler) {
        if (body == null || handler == null) {
            return handler;
        }
        try {
            return JdkBodyFaults.wrapHandler(handler, body);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            HttpDispatch.CALLS.internalError(e);
            return handler;
        }
    }

    /** The call is not made; {@code future} is returned instead. */
    static JdkHttpDecision replace(CompletableFuture<?> future) {
        return new JdkHttpDecision(future, null, 0);
    }

    /** The call is made and its response completes {@code nanos} late (a hold the kill switch releases). */
    static JdkHttpDecision delay(FiredFault fault, long nanos) {
        return new JdkHttpDecision(null, fault, nanos);
    }

    /** Whether the real call is skipped. */
    public boolean replacesCall() {
        return replacement != null;
    }

    /** The future the call returns, given the future of the real call ({@code null} when it was skipped). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CompletableFuture applyTo(CompletableFuture real) {
        if (replacement != null) {
            return replacement;
        }
        return real == null ? null : AsyncFaults.delay(real, delay, delayNanos);
    }
}
