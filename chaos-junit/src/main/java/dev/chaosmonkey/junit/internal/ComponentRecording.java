package dev.chaosmonkey.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an experiment observed of one resilience component (a circuit breaker, a retry, ...): counters by event kind
 * and, for circuit breakers, the state path. Free of Resilience4j types, so that the extension can hold it without
 * Resilience4j on the class path. Recording stops when the experiment ends ({@link #stop()}).
 */
public final class ComponentRecording {
    private final String kind;
    private final String name;
    private final TimelineSink sink;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final List<String> states = new ArrayList<>();
    private final List<Long> firstOpenMillis = new ArrayList<>();
    private volatile boolean active = true;

    /**
     * Creates a recording.
     *
     * @param initialState the state when observation starts ({@code null} for stateless components)
     */
    public ComponentRecording(String kind, String name, String initialState, TimelineSink sink) {
        this.kind = kind;
        this.name = name;
        this.sink = sink;
        if (initialState != null) {
            states.add(initialState);
        }
    }

    /** Component kind, e.g. {@code circuitbreaker}. */
    public String kind() {
        return kind;
    }

    /** Component name. */
    public String name() {
        return name;
    }

    /** {@code kind:name}. */
    public String key() {
        return kind + ":" + name;
    }

    /** Counts one event of {@code counter}; ignored after {@link #stop()}. */
    public void count(String counter) {
        if (active) {
            counters.computeIfAbsent(counter, k -> new LongAdder()).increment();
        }
    }

    /** Counts one event and adds it to the experiment's timeline. */
    public void countAndLog(String counter, String description) {
        if (active) {
            count(counter);
            sink.event(key(), description);
        }
    }

    /** Records a state transition (circuit breakers). */
    public void transition(String from, String to) {
        if (!active) {
            return;
        }
        synchronized (states) {
            if (states.isEmpty()) {
                states.add(from);
            }
            states.add(to);
            if (to.contains("OPEN") && !to.startsWith("HALF")) {
                firstOpenMillis.add(sink.nowMillis());
            }
        }
        count("transitions");
        sink.event(key(), "state " + from + " -> " + to);
    }

    /** The observed value of a counter. */
    public long counter(String counter) {
        LongAdder a = counters.get(counter);
        return a == null ? 0 : a.sum();
    }

    /** All counters, sorted by name. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The state path: the initial state followed by each transition's target. */
    public List<String> states() {
        synchronized (states) {
            return List.copyOf(states);
        }
    }

    /** When the component went to an open state, ms since the experiment started. */
    public List<Long> openedAtMillis() {
        synchronized (states) {
            return List.copyOf(firstOpenMillis);
        }
    }

    /** Stops recording (event consumers cannot be removed from Resilience4j publishers, so they go quiet). */
    public void stop() {
        active = false;
    }
}
