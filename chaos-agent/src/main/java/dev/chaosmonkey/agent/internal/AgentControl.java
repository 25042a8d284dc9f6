package dev.chaosmonkey.agent.internal;

import java.util.List;

import dev.chaosmonkey.agent.ChaosAgentMXBean;

/** The agent MBean ({@value dev.chaosmonkey.agent.ChaosAgentMXBean#OBJECT_NAME}): delegates to {@link AgentRuntime}. */
public final class AgentControl implements ChaosAgentMXBean {
    @Override
    public String getVersion() {
        return AgentRuntime.version();
    }

    @Override
    public String getCoreVersion() {
        return AgentBootstrap.coreVersion();
    }

    @Override
    public boolean isInstalled() {
        return AgentRuntime.isInstalled();
    }

    @Override
    public long getTransformedClasses() {
        return AgentRuntime.transformedClasses();
    }

    @Override
    public List<String> getActiveInstrumentations() {
        return AgentRuntime.activeInstrumentations();
    }

    @Override
    public int getMethodRuleTargets() {
        return AgentRuntime.methodRuleTargets();
    }

    @Override
    public int detach() {
        return AgentRuntime.detach();
    }
}
