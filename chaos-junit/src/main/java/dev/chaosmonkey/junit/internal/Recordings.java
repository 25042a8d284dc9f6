package dev.chaosmonkey.junit.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The recordings of the running experiment by component identity, so that assertions on a component
 * ({@code assertThatCircuitBreaker(cb)}) find what the experiment observed of it. Experiments are serialized by
 * their resource lock, so one map per JVM suffices.
 */
public final class Recordings {
    private static final Map<Object, ComponentRecording> BY_COMPONENT =
            Collections.synchronizedMap(new IdentityHashMap<>());

    private Recordings() {
    }

    /** Registers the recording of {@code component}. */
    public static void register(Object component, ComponentRecording recording) {
        BY_COMPONENT.put(component, recording);
    }

    /** The recording of {@code component}, or {@code null}. */
    public static ComponentRecording of(Object component) {
        return BY_COMPONENT.get(component);
    }

    /** Whether {@code component} is being recorded. */
    public static boolean contains(Object component) {
        return BY_COMPONENT.containsKey(component);
    }

    /** Forgets the given recordings (of a finished experiment). */
    public static void unregister(java.util.Collection<ComponentRecording> recordings) {
        synchronized (BY_COMPONENT) {
            BY_COMPONENT.values().removeIf(recordings::contains);
        }
    }
}
