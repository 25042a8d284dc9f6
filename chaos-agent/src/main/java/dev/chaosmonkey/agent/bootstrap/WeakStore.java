package dev.chaosmonkey.agent.bootstrap;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * A small concurrent map with weakly held keys, striped to keep lock contention low. Used to remember per-object
 * facts the instrumented API does not expose (the SQL of a prepared statement, the URL of a JDBC connection, the
 * decision made for an {@code HttpURLConnection}); each library's calls class owns its stores. Keys are instrumented library objects that do not override
 * {@code equals}.
 */
public final class WeakStore<V> {
    private static final int STRIPES = 16;

    private final java.util.List<Map<Object, V>> stripes = new java.util.ArrayList<>(STRIPES);

    /** An empty store. */
    public WeakStore() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.add(new WeakHashMap<>());
        }
    }

    private Map<Object, V> stripe(Object key) {
        return stripes.get(System.identityHashCode(key) & (STRIPES - 1));
    }

    /** Associates {@code value} with {@code key}; {@code null} keys are ignored. */
    public void put(Object key, V value) {
        if (key == null) {
            return;
        }
        Map<Object, V> m = stripe(key);
        synchronized (m) {
            m.put(key, value);
        }
    }

    /** The value for {@code key}, or {@code null}. */
    public V get(Object key) {
        if (key == null) {
            return null;
        }
        Map<Object, V> m = stripe(key);
        synchronized (m) {
            return m.get(key);
        }
    }

    /** Forgets everything (used when the agent is detached). */
    public void clear() {
        for (Map<Object, V> m : stripes) {
            synchronized (m) {
                m.clear();
            }
        }
    }
}
