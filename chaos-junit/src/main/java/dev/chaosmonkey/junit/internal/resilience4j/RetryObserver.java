package dev.chaosmonkey.junit.internal.resilience4j;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.junit.internal.ComponentRecording;
import dev.chaosmonkey.junit.internal.Recordings;
import dev.chaosmonkey.junit.internal.TimelineSink;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

/** Records retry events; loaded only when resilience4j-retry is present. */
public final class RetryObserver {
    private RetryObserver() {
    }

    /** Observes a {@link Retry} or every retry of a {@link RetryRegistry}. */
    public static List<ComponentRecording> observe(Object candidate, TimelineSink sink) {
        List<ComponentRecording> out = new ArrayList<>();
        if (candidate instanceof Retry retry) {
            out.add(observe(retry, sink));
        } else if (candidate instanceof RetryRegistry registry) {
            for (Retry retry : registry.getAllRetries()) {
                if (!Recordings.contains(retry)) {
                    out.add(observe(retry, sink));
                }
            }
        }
        return out;
    }

    private static ComponentRecording observe(Retry retry, TimelineSink sink) {
        ComponentRecording r = new ComponentRecording("retry", retry.getName(), null, sink);
        Retry.EventPublisher p = retry.getEventPublisher();
        p.onRetry(e -> r.count("retries"));
        // onError: the call failed after its last attempt; onSuccess: it succeeded after at least one retry
        p.onError(e -> r.count("exhausted"));
        p.onSuccess(e -> r.count("succeededAfterRetry"));
        // e.g. CallNotPermittedException from an open breaker, when configured as not retryable
        p.onIgnoredError(e -> r.count("ignoredErrors"));
        Recordings.register(retry, r);
        return r;
    }
}
