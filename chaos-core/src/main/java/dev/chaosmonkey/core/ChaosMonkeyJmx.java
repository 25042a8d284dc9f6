package dev.chaosmonkey.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The MXBean implementation. Exceptions are rethrown as plain JDK exceptions without causes so that remote clients
 * that lack chaos classes can still read the message.
 */
final class ChaosMonkeyJmx implements ChaosMonkeyMXBean {
    private final ChaosMonkey monkey;

    ChaosMonkeyJmx(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @Override
    public boolean isEnabled() {
        return monkey.isEnabled();
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
