package dev.chaosmonkey.agent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.Throwables;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts woven classes, makes their class loaders known to chaos-core (so fault specs can name exception classes
 * such as Kafka's that only those loaders see), and counts classes that could not be woven, keeping the first
 * {@value #MAX_REASONS} with their reason for JMX ({@code WeaveFailures}) and logging each once; a class that fails
 * runs as it is, without chaos.
 */
final class TransformListener extends AgentBuilder.Listener.Adapter {
    static final int MAX_REASONS = 50;
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> reasons = new CopyOnWriteArrayList<>();

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        transformed.incrementAndGet();
        StartupTrace.mark("woven " + type.getName() + (loaded ? " (retransformed)" : ""));
        if (loader != null) {
            Throwables.registerClassLoader(loader);
        }
        if (Boolean.getBoolean("chaos.agent.debug")) {
            ChaosLog.info("chaos-agent: wove " + type.getName());
        }
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
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
