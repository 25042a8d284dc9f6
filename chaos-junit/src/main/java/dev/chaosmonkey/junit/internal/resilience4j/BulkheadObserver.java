package dev.chaosmonkey.junit.internal.resilience4j;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.junit.internal.ComponentRecording;
import dev.chaosmonkey.junit.internal.Recordings;
import dev.chaosmonkey.junit.internal.TimelineSink;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;

/** Records bulkhead events; loaded only when resilience4j-bulkhead is present. */
public final class BulkheadObserver {
    private BulkheadObserver() {
    }

    /** Observes a {@link Bulkhead} or every bulkhead of a {@link BulkheadRegistry}. */
    public static List<ComponentRecording> observe(Object candidate, TimelineSink sink) {
        List<ComponentRecording> out = new ArrayList<>();
        if (candidate instanceof Bulkhead bulkhead) {
            out.add(observe(bulkhead, sink));
        } else if (candidate instanceof BulkheadRegistry registry) {
            for (Bulkhead bulkhead : registry.getAllBulkheads()) {
                if (!Recordings.contains(bulkhead)) {
                    out.add(observe(bulkhead, sink));
                }
            }
        }
        return out;
    }

    private static ComponentRecording observe(Bulkhead bulkhead, TimelineSink sink) {
        ComponentRecording r = new ComponentRecording("bulkhead", bulkhead.getName(), null, sink);
        Bulkhead.EventPublisher p = bulkhead.getEventPublisher();
        p.onCallPermitted(e -> r.count("permittedCalls"));
        p.onCallRejected(e -> r.count("rejectedCalls"));
        p.onCallFinished(e -> r.count("finishedCalls"));
        Recordings.register(bulkhead, r);
        return r;
    }
}
