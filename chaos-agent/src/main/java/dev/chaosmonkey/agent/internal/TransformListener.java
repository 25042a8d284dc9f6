package dev.chaosmonkey.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** ByteBuddy's transformations and errors, into the agent's {@link WeaveRecord}. */
final class TransformListener extends AgentBuilder.Listener.Adapter {
    private final WeaveRecord record;

    TransformListener(WeaveRecord record) {
        this.record = record;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        record.woven(type.getName(), loader, loaded);
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        record.failed(typeName, error);
    }
}
