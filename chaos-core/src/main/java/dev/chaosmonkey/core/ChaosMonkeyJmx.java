package dev.chaosmonkey.core;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

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
            server.registerMBean(new Described(new ChaosMonkeyJmx(monkey)), objectName);
            return objectName;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e, e);
        }
    }

    /** The MXBean with descriptions that jconsole and jmxterm show (a plain MXBean has none). */
    private static final class Described extends StandardMBean {
        private static final Map<String, String> DESCRIPTIONS = new HashMap<>();

        static {
            DESCRIPTIONS.put("Enabled", "whether chaos is enabled: armed rules act only while it is");
            DESCRIPTIONS.put("DryRun", "every rule decides and records but injects nothing (writable)");
            DESCRIPTIONS.put("Version", "chaos-core version of this instance");
            DESCRIPTIONS.put("Environment", "chaos.environment, or none");
            DESCRIPTIONS.put("Rules", "armed rules with state and counters");
            DESCRIPTIONS.put("RuleSpecs", "armed rules as 'id: spec'");
            DESCRIPTIONS.put("TotalInjections", "injections across all rules so far");
            DESCRIPTIONS.put("InternalErrors", "internal errors caught so far (should stay 0)");
            DESCRIPTIONS.put("HeldCalls", "calls held right now in a delay or timeout");
            DESCRIPTIONS.put("arm", "arms one fault spec; returns the rule id");
            DESCRIPTIONS.put("armAll", "arms ONE string holding one fault spec per line (# comments, blank lines"
                    + " allowed), all or none; returns the ids");
            DESCRIPTIONS.put("disarm", "disarms one rule by id; its held calls are released");
            DESCRIPTIONS.put("disarmAll", "the kill switch: disarms every rule and releases every held call");
            DESCRIPTIONS.put("enable", "enables chaos (refused in production unless allowed)");
            DESCRIPTIONS.put("disable", "disables chaos: rules stay armed but inject nothing; held calls are released");
        }

        Described(ChaosMonkeyMXBean impl) {
            super(impl, ChaosMonkeyMXBean.class, true);
        }

        @Override
        protected String getDescription(MBeanInfo info) {
            return "chaos-monkey-jvm engine: arm and disarm fault specs, switches, counters";
        }

        @Override
        protected String getDescription(MBeanAttributeInfo info) {
            return DESCRIPTIONS.getOrDefault(info.getName(), info.getDescription());
        }

        @Override
        protected String getDescription(MBeanOperationInfo info) {
            return DESCRIPTIONS.getOrDefault(info.getName(), info.getDescription());
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
        return env == null || env.isEmpty() ? "none" : env;
    }

    @Override
    public long getInternalErrors() {
        return monkey.internalErrors();
    }

    @Override
    public int getHeldCalls() {
        return monkey.heldCalls();
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
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            return monkey.arm(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } finally {
            source.close();
        }
    }

    @Override
    public List<String> armAll(String specs) {
        if (specs == null) {
            throw new IllegalArgumentException("specs must not be null");
        }
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            return monkey.armAll(specs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } finally {
            source.close();
        }
    }

    @Override
    public boolean disarm(String id) {
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            return id != null && monkey.disarm(id);
        } finally {
            source.close();
        }
    }

    @Override
    public int disarmAll() {
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            return monkey.disarmAll();
        } finally {
            source.close();
        }
    }

    @Override
    public void enable() {
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            monkey.enable();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage());
        } finally {
            source.close();
        }
    }

    @Override
    public void disable() {
        ChaosSource.Scope source = ChaosSource.open(jmxSource());
        try {
            monkey.disable();
        } finally {
            source.close();
        }
    }

    /**
     * {@code jmx}, or {@code jmx:<principal>} when the call comes through an authenticated JMX connection (the
     * connector runs it as the remote subject). Reflective: {@code Subject.current()} exists from JDK 18; on 17 the
     * access-control context's subject is used.
     */
    static String jmxSource() {
        try {
            Object subject;
            try {
                subject = javax.security.auth.Subject.class.getMethod("current").invoke(null);
            } catch (NoSuchMethodException e) {
                Class<?> ac = Class.forName("java.security.AccessController");
                Object context = ac.getMethod("getContext").invoke(null);
                subject = javax.security.auth.Subject.class.getMethod("getSubject",
                        Class.forName("java.security.AccessControlContext")).invoke(null, context);
            }
            if (subject instanceof javax.security.auth.Subject s && !s.getPrincipals().isEmpty()) {
                return "jmx:" + s.getPrincipals().iterator().next().getName();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no principal available: plain jmx
        }
        return "jmx";
    }
}
