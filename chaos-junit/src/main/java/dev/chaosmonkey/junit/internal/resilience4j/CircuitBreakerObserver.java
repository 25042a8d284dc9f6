package dev.chaosmonkey.junit.internal.resilience4j;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.junit.internal.ComponentRecording;
import dev.chaosmonkey.junit.internal.Recordings;
import dev.chaosmonkey.junit.internal.TimelineSink;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/** Records circuit breaker events; loaded only when resilience4j-circuitbreaker is present. */
public final class CircuitBreakerObserver {
    private CircuitBreakerObserver() {
    }

    /** Observes a {@link CircuitBreaker} or every breaker of a {@link CircuitBreakerRegistry}. */
    public static List<ComponentRecording> observe(Object candidate, TimelineSink sink) {
        List<ComponentRecording> out = new ArrayList<>();
        if (candidate instanceof CircuitBreaker cb) {
            out.add(observe(cb, sink));
        } else if (candidate instanceof CircuitBreakerRegistry registry) {
            for (CircuitBreaker cb : registry.getAllCircuitBreakers()) {
                if (!Recordings.contains(cb)) {
                    out.add(observe(cb, sink));
                }
            }
        }
        return out;
    }

    private static ComponentRecording observe(CircuitBreaker cb, TimelineSink sink) {
        ComponentRecording r = new ComponentRecording("circuitbreaker", cb.getName(), cb.getState().name(), sink);
        CircuitBreaker.EventPublisher p = cb.getEventPublisher();
        p.onStateTransition(e -> r.transition(e.getStateTransition().getFromState().name(),
                e.getStateTransition().getToState().name()));
        p.onCallNotPermitted(e -> r.count("notPermittedCalls"));
        p.onError(e -> r.count("failedCalls"));
        p.onSuccess(e -> r.count("successfulCalls"));
        p.onSlowCallRateExceeded(e -> r.count("slowCallRateExceeded"));
        p.onFailureRateExceeded(e -> r.count("failureRateExceeded"));
        Recordings.register(cb, r);
        return r;
    }
}
