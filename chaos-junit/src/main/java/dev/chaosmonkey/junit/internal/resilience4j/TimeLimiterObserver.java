package dev.chaosmonkey.junit.internal.resilience4j;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.junit.internal.ComponentRecording;
import dev.chaosmonkey.junit.internal.Recordings;
import dev.chaosmonkey.junit.internal.TimelineSink;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/** Records time limiter events; loaded only when resilience4j-timelimiter is present. */
public final class TimeLimiterObserver {
    private TimeLimiterObserver() {
    }

    /** Observes a {@link TimeLimiter} or every time limiter of a {@link TimeLimiterRegistry}. */
    public static List<ComponentRecording> observe(Object candidate, TimelineSink sink) {
        List<ComponentRecording> out = new ArrayList<>();
        if (candidate instanceof TimeLimiter limiter) {
            out.add(observe(limiter, sink));
        } else if (candidate instanceof TimeLimiterRegistry registry) {
            for (TimeLimiter limiter : registry.getAllTimeLimiters()) {
                if (!Recordings.contains(limiter)) {
                    out.add(observe(limiter, sink));
                }
            }
        }
        return out;
    }

    private static ComponentRecording observe(TimeLimiter limiter, TimelineSink sink) {
        ComponentRecording r = new ComponentRecording("timelimiter", limiter.getName(), null, sink);
        TimeLimiter.EventPublisher p = limiter.getEventPublisher();
        p.onTimeout(e -> r.countAndLog("timeouts", "timed out"));
        p.onError(e -> r.count("errors"));
        p.onSuccess(e -> r.count("successes"));
        Recordings.register(limiter, r);
        return r;
    }
}
