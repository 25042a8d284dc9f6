package dev.chaosmonkey.agent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.Throwables;

/**
 * What the agent's weavers (ByteBuddy's listener and the JDBC weaver) did: classes woven, whose class loaders it
 * makes known to chaos-core (so fault specs can name exception classes such as Kafka's that only those loaders
 * see), and classes that could not be woven, the first {@value #MAX_REASONS} kept with their reason for JMX
 * ({@code WeaveFailures}) and each logged once; a class that fails runs as it is, without chaos.
 */
final class WeaveRecord {
    static final int MAX_REASONS = 50;
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> reasons = new CopyOnWriteArrayList<>();

    void woven(String typeName, ClassLoader loader, boolean retransformed) {
        transformed.incrementAndGet();
        StartupTrace.mark("woven " + typeName + (retransformed ? " (retransformed)" : ""));
        if (loader != null) {
            Throwables.registerClassLoader(loader);
        }
        if (Boolean.getBoolean("chaos.agent.debug")) {
            ChaosLog.info("chaos-agent: wove " + typeName);
        }
    }

    void failed(String typeName, Throwable error) {
        failed.incrementAndGet();
        if (reasons.size() < MAX_REASONS) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            reasons.add(typeName + ": " + root);
        }
        ChaosLog.warnOnce("transform-" + typeName, "chaos-agent: could not instrument " + typeName
                + "; it runs without chaos", error);
    }

    /** Classes that matched an instrumentation but could not be woven. */
    long failed() {
        return failed.get();
    }

    /** {@code class: reason} of the first failures. */
    List<String> failureReasons() {
        return new ArrayList<>(reasons);
    }

    long transformed() {
        return transformed.get();
    }
}
