package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.chaosmonkey.agent.ChaosAgentMXBean;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The agent's state in this JVM: the installation, the config watcher, the agent MBean. Linked against the
 * chaos-core that {@link AgentBootstrap} chose (the application's when it already had one). Start can run several times (each attach); the instrumentation is installed once until
 * {@link #detach()}.
 */
public final class AgentRuntime {
    private static Installation installation;
    private static ConfigFileWatcher watcher;

    private AgentRuntime() {
    }

    /** Called (reflectively) by {@link AgentBootstrap} once this class is linked to the live chaos-core. */
    public static synchronized void start(String rawOptions, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        String rejected = null;
        try {
            options = AgentOptions.parse(rawOptions);
        } catch (IllegalArgumentException e) {
            // fail closed: nothing of a bad option string is applied (the instrumentation still installs)
            rejected = e.getMessage();
            options = AgentOptions.parse(null);
        }
        if (rejected == null && options.connector() != null && !options.cliAttach()) {
            // a CLI command other than attach: open its connector and change nothing else (no install)
            CliConnector.open(options.connector(), false);
            return;
        }
        long start = System.nanoTime();
        VersionCheck.run(instrumentation, AgentBootstrap.coreOwner());
        boolean fresh = installation == null;
        if (fresh) {
            installation = Installation.install(instrumentation);
        }
        Installation current = installation;
        boolean chaosNeededNow = attached || !options.isEmpty() || rejected != null;
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
        if (rejected != null) {
            OptionsApplier.rejected(rejected);
        } else if (!options.isEmpty()) {
            OptionsApplier.apply(options, monkey, AgentRuntime::watch);
        }
        if (options.connector() != null) {
            CliConnector.open(options.connector(), fresh);
        }
    }

    /** Starts watching a config file, taking over what a previous watcher applied. */
    private static void watch(java.nio.file.Path file) {
        ConfigFileWatcher next = new ConfigFileWatcher(file, ChaosMonkey.global());
        if (watcher != null) {
            watcher.stop();
            next.takeOver(watcher);
        }
        watcher = next;
        next.start();
    }

    /** Connects an installation to the global chaos state and registers the agent MBean (once). */
    private static synchronized void connect(Installation target) {
        if (installation != target) {
            return;
        }
        ChaosMonkey monkey = ChaosMonkey.global();
        CoreChaosState.install(monkey);
        target.follow(monkey);
        registerMBean();
    }

    private static void registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(new AgentControl(), name);
            }
            // experiments inside this JVM over JMX (the engine is shaded into the agent jar)
            dev.chaosmonkey.experiment.ExperimentRunnerJmx.register();
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

    static synchronized long weaveFailures() {
        return installation == null ? 0 : installation.weaveFailures();
    }

    static synchronized List<String> weaveFailureReasons() {
        return installation == null ? List.of() : installation.weaveFailureReasons();
    }

    static synchronized List<String> activeInstrumentations() {
        return installation == null ? List.of() : installation.activeInstrumentations();
    }

    /** The agent jar's version. */
    public static String version() {
        // AgentBootstrap is always defined by the system class loader from the agent jar, with its manifest
        String v = AgentBootstrap.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
