package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.agent.ChaosAgentMXBean;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The agent's state in this JVM: the installation, the config watcher, the agent MBean. Runs after chaos-core is on
 * the bootstrap class path. Start can run several times (each attach); the instrumentation is installed once until
 * {@link #detach()}.
 */
public final class AgentRuntime {
    private static Installation installation;
    private static ConfigFileWatcher watcher;

    private AgentRuntime() {
    }

    static synchronized void start(String rawOptions, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(rawOptions);
        } catch (IllegalArgumentException e) {
            ChaosLog.warn("chaos-agent: " + e.getMessage() + "; no options applied");
            options = AgentOptions.parse(null);
        }
        long start = System.nanoTime();
        VersionCheck.run(instrumentation);
        boolean fresh = installation == null;
        if (fresh) {
            installation = Installation.install(instrumentation);
        }
        Installation current = installation;
        boolean chaosNeededNow = attached || options.enabled() != null || !options.specs().isEmpty()
                || options.config() != null;
        if (chaosNeededNow) {
            connect(current);
        }
        ChaosLog.info("chaos-agent " + version() + (attached ? " attached" : " installed") + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (fresh) {
            // off the start-up path: create the global chaos state and its MBean, build all advice
            Thread init = new Thread(() -> {
                try {
                    connect(current);
                    current.warmUp();
                } catch (Throwable t) {
                    ChaosLog.warn("chaos-agent: background initialisation failed", t);
                }
            }, "chaos-agent-init");
            init.setDaemon(true);
            init.start();
        }
        if (!chaosNeededNow) {
            return;
        }
        ChaosMonkey monkey = ChaosMonkey.global();
        if (options.enabled() != null) {
            try {
                if (options.enabled()) {
                    monkey.enable();
                } else {
                    monkey.disable();
                }
            } catch (IllegalStateException e) {
                ChaosLog.warn("chaos-agent: " + e.getMessage());
            }
        }
        if (!options.specs().isEmpty()) {
            try {
                List<ChaosRule> rules = new ArrayList<>();
                for (String spec : options.specs()) {
                    rules.add(FaultSpec.parse(spec));
                }
                monkey.armAll(rules);
            } catch (RuntimeException e) {
                ChaosLog.warn("chaos-agent: no rule from the agent options was armed: " + e.getMessage());
            }
        }
        if (options.config() != null) {
            if (watcher != null) {
                watcher.stop();
            }
            watcher = new ConfigFileWatcher(options.config(), monkey);
            watcher.start();
        }
        if (!monkey.isEnabled() && !monkey.rules().isEmpty()) {
            ChaosLog.warn("chaos-agent: rules are armed but chaos is disabled; add enabled=true to the agent options"
                    + " or -Dchaos.enabled=true");
        }
    }

    /** Connects an installation to the global chaos state and registers the agent MBean (once). */
    private static synchronized void connect(Installation target) {
        if (installation != target) {
            return;
        }
        target.follow(ChaosMonkey.global());
        registerMBean();
    }

    private static void registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(new AgentControl(), name);
            }
        } catch (Exception | LinkageError e) {
            ChaosLog.warn("chaos-agent: could not register " + ChaosAgentMXBean.OBJECT_NAME, e);
        }
    }

    /** Disarms all rules and restores the original bytecode of woven classes; returns how many were woven. */
    static synchronized int detach() {
        if (installation == null) {
            return 0;
        }
        ChaosMonkey.global().disarmAll();
        if (watcher != null) {
            watcher.stop();
            watcher = null;
        }
        int restored = installation.uninstall();
        installation = null;
        ChaosLog.info("chaos-agent detached: " + restored + " woven class(es) restored");
        return restored;
    }

    static synchronized boolean isInstalled() {
        return installation != null;
    }

    static synchronized long transformedClasses() {
        return installation == null ? 0 : installation.transformedClasses();
    }

    static synchronized int methodRuleTargets() {
        return installation == null ? 0 : installation.methodRuleTargets();
    }

    static synchronized List<String> activeInstrumentations() {
        return installation == null ? List.of() : installation.activeInstrumentations();
    }

    /** The agent jar's version. */
    public static String version() {
        String v = AgentRuntime.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
