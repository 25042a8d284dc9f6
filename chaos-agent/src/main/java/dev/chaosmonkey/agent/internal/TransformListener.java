package dev.chaosmonkey.agent.internal;

import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.Throwables;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts woven classes, makes their class loaders known to chaos-core (so fault specs can name exception classes
 * such as Kafka's that only those loaders see) and logs each instrumentation error once; a class that fails is
 * simply left alone.
 */
final class TransformListener extends AgentBuilder.Listener.Adapter {
    private final AtomicLong transformed = new AtomicLong();

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        transformed.incrementAndGet();
        if (loader != null) {
            Throwables.registerClassLoader(loader);
        }
        if (Boolean.getBoolean("chaos.agent.debug")) {
            ChaosLog.info("chaos-agent: wove " + type.getName());
        }
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        ChaosLog.warnOnce("transform-" + typeName, "chaos-agent: could not instrument " + typeName
                + "; it runs without chaos", error);
    }

    long transformed() {
        return transformed.get();
    }
}
