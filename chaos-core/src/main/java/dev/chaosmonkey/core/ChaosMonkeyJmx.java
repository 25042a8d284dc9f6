package dev.chaosmonkey.core;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The MXBean implementation and its registration in the platform MBean server. Exceptions are rethrown as plain JDK
 * exceptions without causes so that remote clients that lack chaos classes can still read the message.
 */
final class ChaosMonkeyJmx implements ChaosMonkeyMXBean {
    private final ChaosMonkey monkey;

    ChaosMonkeyJmx(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    /**
     * Registers an MXBean for {@code monkey} under {@code name}.
     *
     * @throws IllegalStateException if the name is taken (by another chaos-core copy, whose version is named)
     */
    static ObjectName register(ChaosMonkey monkey, String name) {
        try {
            ObjectName objectName = new ObjectName(name);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                Object other;
                try {
                    other = server.getAttribute(objectName, "Version");
                } catch (Exception e) {
                    other = "unknown";
                }
                throw new IllegalStateException(name + " is already registered by chaos-core " + other
                        + "; this copy is " + ChaosMonkey.VERSION + (ChaosMonkey.VERSION.equals(other) ? ""
                        : " (VERSION MISMATCH: the agent and the application carry different chaos-core versions)"));
            }
            server.registerMBean(new ChaosMonkeyJmx(monkey), objectName);
            return objectName;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e, e);
        }
    }

    /** Unregisters {@code name}; a failure is logged, never thrown. */
    static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            ChaosLog.warn("could not unregister " + name + ": " + e);
        }
    }

    @Override
    public boolean isEnabled() {
        return monkey.isEnabled();
    }

    @Override
    public String getDisabledReason() {
        return monkey.disabledReason();
    }

    @Override
    public boolean isDryRun() {
        return monkey.isDryRun();
    }

    @Override
    public void setDryRun(boolean dryRun) {
        monkey.setDryRun(dryRun);
    }

    @Override
    public String getVersion() {
        return ChaosMonkey.VERSION;
    }

    @Override
    public String getEnvironment() {
        String env = monkey.config().environment();
        return env == null ? "" : env;
    }

    @Override
    public List<RuleInfo> getRules() {
        return monkey.rules();
    }

    @Override
    public List<String> getRuleSpecs() {
        List<String> specs = new ArrayList<>();
        for (RuleInfo r : monkey.rules()) {
            specs.add(r.getId() + ": " + r.getSpec());
        }
        return specs;
    }

    @Override
    public long getTotalInjections() {
        return monkey.totalInjections();
    }

    @Override
    public String arm(String spec) {
        try {
            return monkey.arm(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public List<String> armAll(String specs) {
        if (specs == null) {
            throw new IllegalArgumentException("specs must not be null");
        }
        try {
            return monkey.armAll(specs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public boolean disarm(String id) {
        return id != null && monkey.disarm(id);
    }

    @Override
    public int disarmAll() {
        return monkey.disarmAll();
    }

    @Override
    public void enable() {
        try {
            monkey.enable();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public void disable() {
        monkey.disable();
    }
}
