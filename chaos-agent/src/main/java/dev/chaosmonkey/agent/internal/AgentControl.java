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
    public long getWeaveFailures() {
        return AgentRuntime.weaveFailures();
    }

    @Override
    public List<String> getWeaveFailureReasons() {
        return AgentRuntime.weaveFailureReasons();
    }

    @Override
    public long getInternalErrors() {
        // the bridge is on the bootstrap class path only once weaving started
        return AgentBootstrap.bridgeReady() ? dev.chaosmonkey.agent.bootstrap.ChaosBridge.internalErrors() : 0;
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
